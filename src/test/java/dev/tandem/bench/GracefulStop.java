package dev.tandem.bench;

import static dev.tandem.bench.BenchInstances.millis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Figures 3 and 7: the master (v2, 1 s) gets SIGTERM, sends a priority-0 advert and exits; the
 * backup takes over after Skew_Time; the master is started again and preempts; repeated.
 */
final class GracefulStop implements Scenario {
  private static final TakeoverBreakdown BREAKDOWN =
      new TakeoverBreakdown(Metric.SIGTERM_RECEIVE, Metric.SIGTERM_TIMER, Metric.SIGTERM_SEND);

  private final int repetitions;

  GracefulStop(int repetitions) {
    this.repetitions = repetitions;
  }

  @Override
  public String name() {
    return Figure.SIGTERM.key();
  }

  @Override
  public Set<Figure> figures() {
    return EnumSet.of(Figure.SIGTERM, Figure.EXIT);
  }

  @Override
  public void run(Daemon daemon, Results results) {
    try (HandoverLab pair = new HandoverLab(daemon, BenchInstances.V2_MASTER, BenchInstances.V2_BACKUP)) {
      List<HandoverLab.Takeover> takeovers = new ArrayList<>();
      for (int i = 1; i <= repetitions; i++) {
        System.err.printf("bench: %s, %s: SIGTERM %d of %d%n", name(), daemon.name(), i, repetitions);
        HandoverLab.Takeover takeover = pair.stopMaster(false);
        takeovers.add(takeover);
        results.add(Metric.EXIT, daemon, millis(Duration.between(takeover.signalled(), takeover.exited())));
        int lastPriority = takeover.handover().lastOfOld().priority();
        if (lastPriority == 0) {
          results.add(Metric.SIGTERM_HANDOVER, daemon, millis(takeover.handover().gap()));
          results.add(Metric.SIGTERM_TO_PRIORITY_ZERO, daemon,
              millis(Duration.between(takeover.signalled(), takeover.handover().lastOfOld().at())));
        } else {
          results.fail(daemon.name() + ", " + name() + ": the stopped master's last advert had priority " + lastPriority
              + ", not 0; the backup took over " + takeover.handover().gap().toMillis() + " ms after it");
        }
        pair.restartMaster();
      }
      BREAKDOWN.record(takeovers, pair.stopBackupForItsTakeovers(), daemon, results);
    }
  }
}
