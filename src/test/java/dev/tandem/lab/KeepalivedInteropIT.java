package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tandem and real keepalived 2.2.7 as a pair, both ways round, VRRPv2 with PASS authentication at
 * 1 s and VRRPv3 at 0.1 s: the backup takes over a killed master after Master_Down_Interval, the
 * restarted master preempts back, a stopped master hands over after Skew_Time, and neither daemon
 * logs an advert it could not accept.
 */
class KeepalivedInteropIT {
  private static Lab lab;
  private static Capture capture;
  private static Path jar;
  private static LabNode lb1;
  private static LabNode lb2;
  private final List<LabProcess> started = new ArrayList<>();

  @BeforeAll
  static void buildLab() {
    jar = LabRequirements.requireTandemJar();
    LabRequirements.requireKeepalived();
    lab = Lab.create("lb1", "lb2");
    capture = lab.startCapture();
    lb1 = lab.node("lb1");
    lb2 = lab.node("lb2");
  }

  @AfterAll
  static void closeLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @AfterEach
  void stopNodes() {
    started.forEach(p -> p.terminate(TandemPairIT.BOUND));
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of(Daemon.KEEPALIVED, Daemon.TANDEM, LabInstance.v2("VI_1", 71, 150, "192.0.2.121/24")),
        Arguments.of(Daemon.TANDEM, Daemon.KEEPALIVED, LabInstance.v2("VI_1", 72, 150, "192.0.2.122/24")),
        Arguments.of(Daemon.KEEPALIVED, Daemon.TANDEM, LabInstance.v3("VI_1", 73, 150, "192.0.2.123/24")),
        Arguments.of(Daemon.TANDEM, Daemon.KEEPALIVED, LabInstance.v3("VI_1", 74, 150, "192.0.2.124/24")));
  }

  @ParameterizedTest(name = "{0} master, {1} backup, VRRPv{2}")
  @MethodSource("pairs")
  void failsOverPreemptsBackAndHandsOverBothWays(Daemon masterDaemon, Daemon backupDaemon, LabInstance master) {
    LabInstance backup = master.withPriority(100).startingAsBackup();
    String vip = master.vipAddresses().get(0);
    int vrid = master.vrid();
    LabProcess first = start(masterDaemon, lb1, master);
    LabProcess second = start(backupDaemon, lb2, backup);
    assertTrue(Lab.waitFor(TandemPairIT.STARTUP,
        () -> lab.holds(lb1, vip) && second.log().contains("(VI_1) Entering BACKUP STATE")), first.log() + second.log());
    assertFalse(lab.holds(lb2, vip));

    Instant killed = Instant.now();
    first.kill();
    Handover failover = capture.awaitHandover(vrid, lb1.address(), lb2.address(), killed,
        backup.masterDownInterval().plus(TandemPairIT.BOUND))
        .orElseThrow(() -> new AssertionError(backupDaemon + " did not take over: " + second.log()));
    Duration down = backup.masterDownInterval();
    assertTrue(failover.gap().compareTo(down.minusMillis(20)) > 0 && failover.gap().compareTo(down.plusSeconds(1)) < 0,
        backupDaemon + " takes over Master_Down_Interval (" + down + ") after the last advert, got " + failover.gap());
    assertTrue(Lab.waitFor(TandemPairIT.BOUND, () -> lab.holds(lb2, vip)), second.log());

    LabProcess again = start(masterDaemon, lb1, master);
    assertTrue(capture.awaitHandover(vrid, lb2.address(), lb1.address(), killed, TandemPairIT.STARTUP).isPresent(),
        masterDaemon + " preempts " + backupDaemon + " back: " + again.log() + second.log());
    assertTrue(Lab.waitFor(TandemPairIT.BOUND, () -> lab.holds(lb1, vip) && !lab.holds(lb2, vip)),
        again.log() + second.log());

    Instant stopped = Instant.now();
    assertEquals(0, again.terminate(Duration.ofSeconds(2)), again.log());
    Handover release = capture.awaitHandover(vrid, lb1.address(), lb2.address(), stopped, TandemPairIT.BOUND)
        .orElseThrow(() -> new AssertionError(backupDaemon + " did not take over a release: " + second.log()));
    assertEquals(0, release.lastOfOld().priority());
    assertTrue(release.gap().compareTo(down) < 0,
        "Skew_Time (" + backup.skewTime() + ") after a priority-0 advert, got " + release.gap());
    assertTrue(Lab.waitFor(TandemPairIT.BOUND, () -> lab.holds(lb2, vip)), second.log());

    assertEquals(List.of(), VrrpLogs.problems(first.log() + again.log()), masterDaemon + " on lb1 rejected adverts");
    assertEquals(List.of(), VrrpLogs.problems(second.log()), backupDaemon + " on lb2 rejected adverts");
    System.out.printf("%s master, %s backup, v%d: takeover gap %s (MDI %s), release gap %s (Skew_Time %s)%n",
        masterDaemon, backupDaemon, master.version(), failover.gap(), down, release.gap(), backup.skewTime());
  }

  private LabProcess start(Daemon daemon, LabNode node, LabInstance instance) {
    LabProcess process = daemon.start(lab, node, jar, List.of(instance));
    started.add(process);
    return process;
  }
}
