package dev.tandem.bench;

import static dev.tandem.bench.BenchInstances.millis;

import dev.tandem.lab.LabInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Figures 1, 2 and 5: the master is SIGKILLed, the backup takes over after Master_Down_Interval,
 * the master is started again and preempts; repeated. The restart is timed too when
 * {@code timesRestart} (the v2 pair, whose Master_Down_Interval figure 5 subtracts).
 */
final class HardFailover implements Scenario {
  private static final int RESTART_LOG_LINES = 12;

  private final Figure figure;
  private final LabInstance master;
  private final LabInstance backup;
  private final Metric advert;
  private final Metric garp;
  private final TakeoverBreakdown breakdown;
  private final boolean timesRestart;
  private final int repetitions;

  HardFailover(LabInstance master, LabInstance backup, Metric advert, Metric garp, TakeoverBreakdown breakdown,
      boolean timesRestart, int repetitions) {
    this.figure = advert.figure();
    this.master = master;
    this.backup = backup;
    this.advert = advert;
    this.garp = garp;
    this.breakdown = breakdown;
    this.timesRestart = timesRestart;
    this.repetitions = repetitions;
  }

  @Override
  public String name() {
    return figure.key();
  }

  @Override
  public Set<Figure> figures() {
    return timesRestart ? EnumSet.of(figure, Figure.RESTART) : EnumSet.of(figure);
  }

  @Override
  public void run(Daemon daemon, Results results) {
    try (HandoverLab pair = new HandoverLab(daemon, master, backup)) {
      List<HandoverLab.Takeover> takeovers = new ArrayList<>();
      for (int i = 1; i <= repetitions; i++) {
        System.err.printf("bench: %s, %s: SIGKILL %d of %d%n", name(), daemon.name(), i, repetitions);
        HandoverLab.Takeover takeover = pair.stopMaster(true);
        takeovers.add(takeover);
        Instant lastOfOld = takeover.handover().lastOfOld().at();
        results.add(advert, daemon, millis(takeover.handover().gap()));
        if (takeover.firstGarp().isPresent()) {
          results.add(garp, daemon, millis(Duration.between(lastOfOld, takeover.firstGarp().get().at())));
        } else {
          results.fail(daemon.name() + ", " + name() + ": no gratuitous ARP from the new master (repetition " + i + ")");
        }
        HandoverLab.Restart restart = pair.restartMaster();
        if (timesRestart) {
          recordRestart(daemon, restart, results);
          if (i == 1) {
            noteRestartLog(daemon, restart, results);
          }
        }
      }
      breakdown.record(takeovers, pair.stopBackupForItsTakeovers(), daemon, results);
    }
  }

  /** The restarted daemon's stamped log lines, to show where its start-up goes. */
  private static void noteRestartLog(Daemon daemon, HandoverLab.Restart restart, Results results) {
    List<String> lines = DaemonLog.stampedLines(restart.log());
    if (!lines.isEmpty()) {
      results.note(daemon.name() + ": log of the first restart, process started at " + restart.started()
          + " and first advert on the wire at " + restart.firstAdvert().at() + ":\n```\n"
          + String.join("\n", lines.subList(0, Math.min(lines.size(), RESTART_LOG_LINES))) + "\n```");
    }
  }

  /** Start-up as figure 5 defines it, and the phases tandem's log shows on the way. */
  private void recordRestart(Daemon daemon, HandoverLab.Restart restart, Results results) {
    Instant firstAdvert = restart.firstAdvert().at();
    double toFirstAdvert = millis(Duration.between(restart.started(), firstAdvert));
    results.add(Metric.RESTART_FIRST_ADVERT, daemon, toFirstAdvert);
    results.add(Metric.RESTART_STARTUP, daemon, toFirstAdvert - millis(master.masterDownInterval()));
    DaemonLog.firstLine(restart.log()).ifPresent(logged ->
        results.add(Metric.RESTART_TO_FIRST_LOG, daemon, millis(Duration.between(restart.started(), logged))));
    DaemonLog.firstLineWith(restart.log(), "Entering BACKUP STATE").ifPresent(logged -> {
      results.add(Metric.RESTART_TO_BACKUP, daemon, millis(Duration.between(restart.started(), logged)));
      results.add(Metric.RESTART_BACKUP_TO_ADVERT, daemon, millis(Duration.between(logged, firstAdvert)));
    });
  }
}
