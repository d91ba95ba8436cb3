package dev.tandem.bench;

import dev.tandem.lab.Capture;
import dev.tandem.lab.Handover;
import dev.tandem.lab.Lab;
import dev.tandem.lab.LabException;
import dev.tandem.lab.LabInstance;
import dev.tandem.lab.LabNode;
import dev.tandem.lab.LabProcess;
import dev.tandem.lab.WireAdvert;
import dev.tandem.lab.WireGarp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Two nodes running one daemon, lb1 the master (priority 150) and lb2 the backup (priority 100),
 * captured on the lab bridge. The master can be stopped (SIGKILL or SIGTERM) and started again;
 * each step waits, bounded, until the wire shows its outcome and returns what the wire shows.
 */
final class HandoverLab implements AutoCloseable {
  private static final Duration SETTLE_BOUND = Duration.ofSeconds(40);
  private static final Duration GARP_BOUND = Duration.ofSeconds(2);
  private static final Duration EXIT_BOUND = Duration.ofSeconds(10);
  private static final int LOG_TAIL = 1500;

  private final Daemon daemon;
  private final LabInstance master;
  private final Lab lab;
  private final LabNode lb1;
  private final LabNode lb2;
  private final Capture capture;
  private final LabProcess backupProcess;
  private LabProcess masterProcess;

  /** The master's stop as the wire saw it. */
  record Takeover(Instant signalled, Handover handover, Optional<WireGarp> firstGarp, Instant exited) {}

  /** The master's start as the wire saw it, with the log it wrote until lb2 was backup again. */
  record Restart(Instant started, WireAdvert firstAdvert, String log) {}

  HandoverLab(Daemon daemon, LabInstance master, LabInstance backup) {
    this.daemon = daemon;
    this.master = master;
    this.lab = Lab.create("lb1", "lb2");
    try {
      this.lb1 = lab.node("lb1");
      this.lb2 = lab.node("lb2");
      this.capture = lab.startCapture();
      Instant since = Instant.now();
      this.masterProcess = daemon.start(lab, lb1, List.of(master));
      this.backupProcess = daemon.start(lab, lb2, List.of(backup));
      awaitSteady(since);
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  /** SIGKILL (a crash: no goodbye) or SIGTERM (a stop: priority-0 advert) to the master, then the takeover. */
  Takeover stopMaster(boolean kill) {
    Instant signalled = Instant.now();
    CompletableFuture<Instant> exited = exitTime(masterProcess);
    if (kill) {
      masterProcess.kill();
    } else {
      masterProcess.terminate(EXIT_BOUND);
    }
    Duration bound = master.masterDownInterval().plus(SETTLE_BOUND);
    Handover handover = capture.awaitHandover(master.vrid(), lb1.address(), lb2.address(), signalled, bound)
        .orElseThrow(() -> unsettled("no takeover by lb2 within " + bound.toSeconds() + " s of stopping lb1"));
    Instant lastOfOld = handover.lastOfOld().at();
    Lab.waitFor(GARP_BOUND, () -> firstGarp(lb2, lastOfOld).isPresent());
    return new Takeover(signalled, handover, firstGarp(lb2, lastOfOld), awaitExit(exited));
  }

  /** Starts the master again; returns once it has preempted lb2 and lb2 is backup again. */
  Restart restartMaster() {
    Instant started = Instant.now();
    masterProcess = daemon.start(lab, lb1, List.of(master));
    Handover back = capture.awaitHandover(master.vrid(), lb2.address(), lb1.address(), started, SETTLE_BOUND)
        .orElseThrow(() -> unsettled("the restarted lb1 did not take over within " + SETTLE_BOUND.toSeconds() + " s"));
    awaitSteady(started);
    return new Restart(started, back.firstOfNew(), masterProcess.log());
  }

  /** Stops the backup (the pair is done with) and returns the takeovers it recorded. */
  List<TakeoverDecision> stopBackupForItsTakeovers() {
    backupProcess.terminate(EXIT_BOUND);
    return daemon.takeovers(lab, lb2);
  }

  /** Until lb1's last two adverts since {@code since} are on the wire and lb2 says it is backup. */
  private void awaitSteady(Instant since) {
    boolean settled = Lab.waitFor(SETTLE_BOUND, () -> {
      List<WireAdvert> adverts = capture.timeline().adverts(master.vrid()).stream()
          .filter(a -> a.at().isAfter(since)).toList();
      return adverts.size() >= 2
          && adverts.subList(adverts.size() - 2, adverts.size()).stream().allMatch(a -> a.source().equals(lb1.address()))
          && DaemonLog.lastState(backupProcess.log()).filter("BACKUP"::equals).isPresent();
    });
    if (!settled) {
      throw unsettled("lb1 master and lb2 backup not reached within " + SETTLE_BOUND.toSeconds() + " s");
    }
  }

  private Optional<WireGarp> firstGarp(LabNode node, Instant after) {
    String vip = master.vipAddresses().get(0);
    return capture.timeline().garps(vip).stream()
        .filter(g -> g.mac().equals(node.mac()) && g.at().isAfter(after)).findFirst();
  }

  /** The moment the process is reaped: the JVM's reaper completes this as soon as waitpid returns. */
  static CompletableFuture<Instant> exitTime(LabProcess process) {
    return ProcessHandle.of(process.pid()).map(p -> p.onExit().thenApply(gone -> Instant.now()))
        .orElseGet(() -> CompletableFuture.completedFuture(Instant.now()));
  }

  static Instant awaitExit(CompletableFuture<Instant> exited) {
    try {
      return exited.get(EXIT_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new LabException("the process did not exit within " + EXIT_BOUND.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while waiting for a process to exit");
    }
  }

  private LabException unsettled(String what) {
    return new LabException(daemon.name() + ": " + what + "\n--- lb1 log (end) ---\n" + tail(lab.log(lb1))
        + "\n--- lb2 log (end) ---\n" + tail(lab.log(lb2)));
  }

  private static String tail(String log) {
    return log.length() <= LOG_TAIL ? log : log.substring(log.length() - LOG_TAIL);
  }

  @Override
  public void close() {
    lab.close();
  }
}
