package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One lab (lb1, lb2, client, capture on the bridge) for a whole test class, the VRRP daemons each
 * test starts (stopped after it), and the checks on the wire that the pair tests share. Tests keep
 * apart by using their own VRIDs and VIPs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodeLab {
  /** JVM start, journal recovery and the first Master_Down_Interval, on a busy 2-core machine. */
  static final Duration STARTUP = Duration.ofSeconds(30);
  static final Duration BOUND = Duration.ofSeconds(5);

  Lab lab;
  Capture capture;
  Path jar;
  LabNode lb1;
  LabNode lb2;
  private final List<LabProcess> started = new ArrayList<>();

  /** Skips (or fails under CI) when the machine lacks what the class needs. */
  void requireTools() {
    LabRequirements.requireCapture();
    jar = LabRequirements.requireTandemJar();
  }

  @BeforeAll
  void buildLab() {
    requireTools();
    lab = Lab.create("lb1", "lb2");
    capture = lab.startCapture();
    lb1 = lab.node("lb1");
    lb2 = lab.node("lb2");
  }

  @AfterAll
  void closeLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @AfterEach
  void stopNodes() {
    started.forEach(p -> p.terminate(BOUND));
    started.clear();
  }

  LabProcess start(Daemon daemon, LabNode node, List<LabInstance> instances) {
    return stopAfterTest(daemon.start(lab, node, jar, instances));
  }

  /** A process the test started, to be stopped when the test ends. */
  LabProcess stopAfterTest(LabProcess process) {
    started.add(process);
    return process;
  }

  /**
   * Starts the master on lb1 and its partner on lb2 (the same instance at priority 100, starting as
   * BACKUP) and waits until the election has settled: lb1 holds the VIP and is the last to advertise,
   * lb2 is Backup without it. (keepalived starts faster than a JVM, so its backup may be master for a
   * moment first, and says "Entering BACKUP STATE (init)" at start anyway.)
   */
  Pair startPair(Daemon masterDaemon, Daemon backupDaemon, LabInstance master) {
    return startPair(masterDaemon, backupDaemon, master, master.withPriority(100).startingAsBackup());
  }

  /** As {@link #startPair(Daemon, Daemon, LabInstance)}, with the backup's instance given. */
  Pair startPair(Daemon masterDaemon, Daemon backupDaemon, LabInstance master, LabInstance backup) {
    return startPair(start(masterDaemon, lb1, List.of(master)), backupDaemon, master, backup);
  }

  /** As {@link #startPair(Daemon, Daemon, LabInstance)}, the master {@code first} started by the caller on lb1. */
  Pair startPair(LabProcess first, Daemon backupDaemon, LabInstance master) {
    return startPair(first, backupDaemon, master, master.withPriority(100).startingAsBackup());
  }

  private Pair startPair(LabProcess first, Daemon backupDaemon, LabInstance master, LabInstance backup) {
    awaitFirstMaster(first, master);
    return settledPair(first, start(backupDaemon, lb2, List.of(backup)), master, backup);
  }

  /** The pair the caller started ({@code first} on lb1 with {@code master}, {@code second} on lb2), once settled. */
  Pair settledPair(LabProcess first, LabProcess second, LabInstance master, LabInstance backup) {
    Pair pair = new Pair(master, backup, first, second);
    assertTrue(Lab.waitFor(STARTUP, () -> lab.holds(lb1, pair.vip()) && !lab.holds(lb2, pair.vip())
            && second.log().contains("(VI_1) Entering BACKUP STATE") && lastAdvertIsFrom(master.vrid(), lb1)),
        first.log() + second.log());
    // Killed before the backup heard it once, a master leaves the backup to time out from its own
    // start, up to an advert interval after the master's last advert on the wire (seen: +0.9 s, v2).
    Instant backupListening = Instant.now();
    assertTrue(Lab.waitFor(STARTUP, () -> capture.timeline().adverts(master.vrid()).stream()
            .anyMatch(a -> a.source().equals(lb1.address()) && a.at().isAfter(backupListening))),
        "the master advertises once the backup listens: " + first.log() + second.log());
    return pair;
  }

  /**
   * Waits until the master started first on lb1 holds its VIP. Its partner starts after that: a JVM
   * start on a busy machine can take seconds (more after a killed run), and a partner up first would
   * be Master for a while, which a test would mistake for what it provokes.
   */
  void awaitFirstMaster(LabProcess first, LabInstance master) {
    assertTrue(Lab.waitFor(STARTUP, () -> lab.holds(lb1, master.vipAddresses().get(0))),
        "the master started first on lb1 takes its VIP: " + first.log());
  }

  boolean lastAdvertIsFrom(int vrid, LabNode node) {
    List<WireAdvert> adverts = capture.timeline().adverts(vrid);
    return !adverts.isEmpty() && adverts.get(adverts.size() - 1).source().equals(node.address());
  }

  /**
   * The backup's takeover of a master that vanished at {@code killed}: its first advert comes
   * Master_Down_Interval after the master's last (bounded generously above, never early).
   */
  Handover awaitTakeover(LabInstance backup, Instant killed, LabProcess newMaster) {
    Handover takeover = capture.awaitHandover(backup.vrid(), lb1.address(), lb2.address(), killed,
            backup.masterDownInterval().plus(BOUND))
        .orElseThrow(() -> new AssertionError("no takeover on the wire: " + newMaster.log()));
    Duration down = backup.masterDownInterval();
    assertTrue(takeover.gap().compareTo(down.minusMillis(20)) > 0 && takeover.gap().compareTo(down.plusSeconds(1)) < 0,
        "the backup's first advert comes Master_Down_Interval (" + down + ") after the master's last, got "
            + takeover.gap());
    return takeover;
  }

  /**
   * Kills the pair's master on lb1 (SIGKILL: its VIP stays behind), sees lb2 take over on the wire
   * after Master_Down_Interval and bind the VIP, restarts the master and sees it preempt back and
   * hold the VIP alone.
   */
  Restart killAndRestartMaster(Daemon masterDaemon, Pair pair) {
    String vip = pair.vip();
    Instant killed = Instant.now();
    pair.onLb1().kill();
    Handover takeover = awaitTakeover(pair.backup(), killed, pair.onLb2());
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, vip)), pair.onLb2().log());
    assertTrue(lab.holds(lb1, vip), "a SIGKILLed " + masterDaemon + " leaves its VIP behind");

    LabProcess again = start(masterDaemon, lb1, List.of(pair.master()));
    assertTrue(Lab.waitFor(STARTUP, () -> again.log().contains(masterDaemon.listening())), again.log());
    Instant listening = Instant.now();
    assertTrue(capture.awaitHandover(pair.master().vrid(), lb2.address(), lb1.address(), killed, STARTUP).isPresent(),
        "the restarted " + masterDaemon + " preempts back: " + again.log() + pair.onLb2().log());
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb1, vip) && !lab.holds(lb2, vip)), again.log() + pair.onLb2().log());
    return new Restart(killed, takeover, again, listening);
  }

  /** The backup's takeover after the master's priority-0 advert, sent when it was stopped at {@code stopped}. */
  Handover awaitRelease(LabInstance backup, Instant stopped, LabProcess newMaster) {
    Handover release = capture.awaitHandover(backup.vrid(), lb1.address(), lb2.address(), stopped, BOUND)
        .orElseThrow(() -> new AssertionError("no takeover on the wire: " + newMaster.log()));
    assertEquals(0, release.lastOfOld().priority(), "the stopping master's last advert has priority 0");
    assertTrue(release.gap().compareTo(backup.skewTime().minusMillis(20)) > 0
        && release.gap().compareTo(backup.masterDownInterval()) < 0,
        "after a priority-0 advert the backup waits Skew_Time (" + backup.skewTime() + "), got " + release.gap());
    return release;
  }

  /**
   * A master killed at {@code killed}, the {@code takeover} on the wire, and the master started
   * {@code again}, which was receiving adverts from {@code listening} on.
   */
  record Restart(Instant killed, Handover takeover, LabProcess again, Instant listening) {}

  record Pair(LabInstance master, LabInstance backup, LabProcess onLb1, LabProcess onLb2) {
    String vip() {
      return master.vipAddresses().get(0);
    }
  }
}
