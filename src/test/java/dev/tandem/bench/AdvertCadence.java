package dev.tandem.bench;

import static dev.tandem.bench.BenchInstances.millis;

import dev.tandem.lab.Capture;
import dev.tandem.lab.Lab;
import dev.tandem.lab.LabException;
import dev.tandem.lab.LabInstance;
import dev.tandem.lab.LabNode;
import dev.tandem.lab.LabProcess;
import dev.tandem.lab.WireAdvert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Figure 4: a lone master's adverts over a window from its third advert on; every gap between two
 * of them against the interval. Figure 11: the same while the master's unchanged configuration is
 * reloaded (SIGHUP to the daemon's own PID) a number of times spread over the window: a reload must
 * not disturb the rhythm. There the window opens once the master has settled: the first seconds of
 * a process are start-up's (its young collections, the JIT's and the journal's rehearsals), which
 * figure 4 covers, not reloads'.
 */
final class AdvertCadence implements Scenario {
  private static final Duration SETTLE_BOUND = Duration.ofSeconds(40);

  private final Metric metric;
  private final LabInstance master;
  private final Duration window;
  private final int reloads;
  private final Duration settle;

  AdvertCadence(Metric metric, LabInstance master, Duration window) {
    this(metric, master, window, 0, Duration.ZERO);
  }

  AdvertCadence(Metric metric, LabInstance master, Duration window, int reloads, Duration settle) {
    this.metric = metric;
    this.master = master;
    this.window = window;
    this.reloads = reloads;
    this.settle = settle;
  }

  @Override
  public String name() {
    return metric.figure().key();
  }

  @Override
  public Set<Figure> figures() {
    return EnumSet.of(metric.figure());
  }

  @Override
  public void run(Daemon daemon, Results results) {
    try (Lab lab = Lab.create("lb1")) {
      LabNode lb1 = lab.node("lb1");
      Capture capture = lab.startCapture();
      LabProcess process = daemon.start(lab, lb1, List.of(master));
      if (!Lab.waitFor(SETTLE_BOUND, () -> capture.timeline().adverts(master.vrid(), lb1.address()).size() >= 3)) {
        throw new LabException(daemon.name() + ": lb1 sent no three adverts within " + SETTLE_BOUND.toSeconds()
            + " s:\n" + lab.log(lb1));
      }
      Pause.of(settle);
      System.err.printf("bench: %s, %s: %d s window, %d reloads, after %d s settling%n", name(), daemon.name(),
          window.toSeconds(), reloads, settle.toSeconds());
      Instant from = Instant.now();
      for (int i = 0; i < reloads; i++) {
        Pause.of(window.dividedBy(reloads + 1));
        process.signal("HUP");
      }
      Pause.of(window.dividedBy(reloads + 1));
      Instant to = Instant.now();
      List<WireAdvert> adverts = capture.timeline().adverts(master.vrid(), lb1.address());
      results.addAll(metric, daemon, deviations(within(adverts, from, to), master.interval()));
    }
  }

  static List<WireAdvert> within(List<WireAdvert> adverts, Instant from, Instant to) {
    return adverts.stream().filter(a -> !a.at().isBefore(from) && !a.at().isAfter(to)).toList();
  }

  /** |gap − interval| in ms for each pair of consecutive adverts. */
  static List<Double> deviations(List<WireAdvert> adverts, Duration interval) {
    List<Double> deviations = new ArrayList<>();
    for (int i = 1; i < adverts.size(); i++) {
      Duration gap = Duration.between(adverts.get(i - 1).at(), adverts.get(i).at());
      deviations.add(Math.abs(millis(gap.minus(interval))));
    }
    return deviations;
  }
}
