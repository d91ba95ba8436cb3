package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tandem and real keepalived 2.2.7 as a pair, both ways round, VRRPv2 with PASS authentication at
 * 1 s and VRRPv3 at 0.1 s: the backup takes over a killed master after Master_Down_Interval, the
 * restarted master preempts back, a stopped master hands over after Skew_Time, and neither daemon
 * logs an advert it could not accept.
 */
class KeepalivedInteropIT extends TwoNodeLab {

  @Override
  void requireTools() {
    super.requireTools();
    LabRequirements.requireKeepalived();
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of(Daemon.KEEPALIVED, Daemon.TANDEM, LabInstance.v2("VI_1", 71, 150, "192.0.2.121/24")),
        Arguments.of(Daemon.TANDEM, Daemon.KEEPALIVED, LabInstance.v2("VI_1", 72, 150, "192.0.2.122/24")),
        Arguments.of(Daemon.KEEPALIVED, Daemon.TANDEM, LabInstance.v3("VI_1", 73, 150, "192.0.2.123/24")),
        Arguments.of(Daemon.TANDEM, Daemon.KEEPALIVED, LabInstance.v3("VI_1", 74, 150, "192.0.2.124/24")));
  }

  @ParameterizedTest(name = "{0} master, {1} backup, {2}")
  @MethodSource("pairs")
  void failsOverPreemptsBackAndHandsOverBothWays(Daemon masterDaemon, Daemon backupDaemon, LabInstance master) {
    Pair pair = startPair(masterDaemon, backupDaemon, master);
    LabInstance backup = pair.backup();
    String vip = pair.vip();
    LabProcess second = pair.onLb2();
    assertFalse(lab.holds(lb2, vip));

    Restart restart = killAndRestartMaster(masterDaemon, pair);
    Handover takeover = restart.takeover();
    LabProcess again = restart.again();

    Instant stopped = Instant.now();
    assertEquals(0, again.terminate(Duration.ofSeconds(2)), again.log());
    Handover release = awaitRelease(backup, stopped, second);
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, vip)), second.log());

    assertEquals(List.of(), VrrpLogs.problems(pair.onLb1().log() + again.log()), masterDaemon + " on lb1");
    assertEquals(List.of(), VrrpLogs.problems(second.log()), backupDaemon + " on lb2");
    System.out.printf("%s master, %s backup, v%d: takeover gap %s (MDI %s), release gap %s (Skew_Time %s)%n",
        masterDaemon, backupDaemon, master.version(), takeover.gap(), backup.masterDownInterval(), release.gap(),
        backup.skewTime());
  }

  /** The log check above is not vacuous: with different passwords each daemon reports the other's adverts. */
  @Test
  void aPasswordMismatchIsLoggedByBoth() {
    LabInstance theirs = LabInstance.v2("VI_1", 75, 150, "192.0.2.125/24");
    LabInstance ours = new LabInstance("VI_1", 75, 100, false, 2, theirs.interval(), true, "2222", theirs.vips(), false, List.of(),
        List.of());
    LabProcess keepalived = start(Daemon.KEEPALIVED, lb1, List.of(theirs));
    LabProcess tandem = start(Daemon.TANDEM, lb2, List.of(ours));
    assertTrue(Lab.waitFor(STARTUP, () -> !VrrpLogs.problems(keepalived.log()).isEmpty()
        && !VrrpLogs.problems(tandem.log()).isEmpty()), keepalived.log() + tandem.log());
    System.out.printf("password mismatch: keepalived %s; tandem %s%n", VrrpLogs.problems(keepalived.log()).get(0),
        VrrpLogs.problems(tandem.log()).get(0));
  }
}
