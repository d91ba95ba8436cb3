package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two tandem processes on one lab segment, real packets: election, hard and graceful failover,
 * preemption back, nopreempt and the seeds' dual master. One lab serves the whole class; each test
 * has its own VRIDs and VIPs and stops its processes.
 */
class TandemPairIT {
  /** JVM start, journal recovery and the first Master_Down_Interval, on a busy 2-core machine. */
  static final Duration STARTUP = Duration.ofSeconds(30);
  static final Duration BOUND = Duration.ofSeconds(5);

  private static Lab lab;
  private static Capture capture;
  private static Path jar;
  private static LabNode lb1;
  private static LabNode lb2;
  private final List<LabProcess> started = new ArrayList<>();

  @BeforeAll
  static void buildLab() {
    jar = LabRequirements.requireTandemJar();
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
    started.forEach(p -> p.terminate(BOUND));
  }

  @Test
  void higherPriorityHoldsTheVipTheBackupTakesOverOnAKillAndTheOldMasterPreemptsBack() {
    LabInstance master = LabInstance.v3("VI_1", 61, 150, "192.0.2.101/24");
    LabInstance backup = master.withPriority(100).startingAsBackup();
    String vip = "192.0.2.101";
    LabProcess first = start(lb1, master);
    LabProcess second = start(lb2, backup);
    assertTrue(Lab.waitFor(STARTUP, () -> lab.holds(lb1, vip) && second.log().contains("(VI_1) Entering BACKUP STATE")),
        first.log() + second.log());
    assertFalse(lab.holds(lb2, vip), "only the master holds the VIP");
    assertTrue(first.log().contains("(VI_1) Entering MASTER STATE"), first.log());

    Instant killed = Instant.now();
    first.kill();
    Handover failover = capture.awaitHandover(61, lb1.address(), lb2.address(), killed, BOUND)
        .orElseThrow(() -> new AssertionError("no takeover on the wire: " + second.log()));
    Duration down = backup.masterDownInterval();
    assertTrue(failover.gap().compareTo(down.minusMillis(20)) > 0 && failover.gap().compareTo(down.plusSeconds(1)) < 0,
        "the backup's first advert comes Master_Down_Interval (" + down + ") after the master's last, got "
            + failover.gap());
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, vip)), second.log());
    assertTrue(lab.holds(lb1, vip), "a SIGKILLed node leaves its VIP behind, as keepalived does");

    LabProcess again = start(lb1, master);
    assertTrue(capture.awaitHandover(61, lb2.address(), lb1.address(), killed, STARTUP).isPresent(),
        "the restarted higher-priority node preempts: " + again.log());
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb1, vip) && !lab.holds(lb2, vip)), again.log() + second.log());
    System.out.printf("tandem pair: takeover gap %s (Master_Down_Interval %s)%n", failover.gap(), down);
  }

  @Test
  void aStoppedMasterSaysGoodbyeRemovesItsVipAndTheBackupTakesOverAfterSkewTime() {
    LabInstance master = LabInstance.v3("VI_1", 62, 150, "192.0.2.102/24");
    LabInstance backup = master.withPriority(100).startingAsBackup();
    String vip = "192.0.2.102";
    LabProcess first = start(lb1, master);
    LabProcess second = start(lb2, backup);
    assertTrue(Lab.waitFor(STARTUP, () -> lab.holds(lb1, vip) && second.log().contains("(VI_1) Entering BACKUP STATE")),
        first.log() + second.log());

    Instant stopped = Instant.now();
    assertEquals(0, first.terminate(Duration.ofSeconds(2)), "exit 0 within 2 s of SIGTERM: " + first.log());
    assertFalse(lab.holds(lb1, vip), "the stopped node removed its VIP");
    Handover release = capture.awaitHandover(62, lb1.address(), lb2.address(), stopped, BOUND)
        .orElseThrow(() -> new AssertionError("no takeover on the wire: " + second.log()));
    assertEquals(0, release.lastOfOld().priority(), "the master's last advert has priority 0");
    assertTrue(release.gap().compareTo(backup.skewTime().minusMillis(20)) > 0
        && release.gap().compareTo(backup.masterDownInterval()) < 0,
        "after a priority-0 advert the backup waits Skew_Time (" + backup.skewTime() + "), got " + release.gap());
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, vip)), second.log());
    System.out.printf("tandem pair: release gap %s (Skew_Time %s)%n", release.gap(), backup.skewTime());
  }

  @Test
  void withNopreemptTheRestartedHigherPriorityNodeStaysBackup() {
    LabInstance higher = LabInstance.v3("VI_1", 63, 150, "192.0.2.103/24").nopreempt();
    LabInstance lower = higher.withPriority(100);
    String vip = "192.0.2.103";
    LabProcess first = start(lb1, higher);
    assertTrue(Lab.waitFor(STARTUP, () -> lab.holds(lb1, vip)), first.log());
    LabProcess second = start(lb2, lower);
    assertTrue(Lab.waitFor(STARTUP, () -> second.log().contains("(VI_1) Entering BACKUP STATE")), second.log());

    first.kill();
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, vip)), second.log());
    Instant restarted = Instant.now();
    LabProcess again = start(lb1, higher);
    assertTrue(Lab.waitFor(STARTUP, () -> again.log().contains("(VI_1) Entering BACKUP STATE")), again.log());
    assertFalse(Lab.waitFor(higher.masterDownInterval().multipliedBy(3), () -> lab.holds(lb1, vip)),
        "nopreempt: the higher priority stays Backup: " + again.log());
    assertTrue(lab.holds(lb2, vip));
    assertTrue(capture.timeline().adverts(63, lb1.address()).stream().noneMatch(a -> a.at().isAfter(restarted)),
        "no advert from the restarted node");
  }

  @Test
  void dualMasterEachNodeServesOneVipTheSurvivorServesBothAndTheyReturn() {
    // Seed 000's pair: lb1 masters VI_1 and backs up VI_2, lb2 the mirror (VRRPv2, PASS, 1 s).
    LabInstance vi1 = LabInstance.v2("VI_1", 51, 100, "192.0.2.111/24");
    LabInstance vi2 = LabInstance.v2("VI_2", 52, 100, "192.0.2.112/24");
    List<LabInstance> onLb1 = List.of(vi1, vi2.withPriority(80).startingAsBackup());
    List<LabInstance> onLb2 = List.of(vi1.withPriority(80).startingAsBackup(), vi2);
    LabProcess first = start(lb1, onLb1);
    LabProcess second = start(lb2, onLb2);
    assertTrue(Lab.waitFor(STARTUP, () -> eachServesItsOwn()), first.log() + second.log());

    first.kill();
    assertTrue(Lab.waitFor(vi1.masterDownInterval().plus(BOUND),
        () -> lab.holds(lb2, "192.0.2.111") && lab.holds(lb2, "192.0.2.112")), second.log());

    LabProcess again = start(lb1, onLb1);
    assertTrue(Lab.waitFor(STARTUP, () -> eachServesItsOwn()), again.log() + second.log());
  }

  private static boolean eachServesItsOwn() {
    return lab.holds(lb1, "192.0.2.111") && !lab.holds(lb1, "192.0.2.112")
        && lab.holds(lb2, "192.0.2.112") && !lab.holds(lb2, "192.0.2.111");
  }

  private LabProcess start(LabNode node, LabInstance instance) {
    return start(node, List.of(instance));
  }

  private LabProcess start(LabNode node, List<LabInstance> instances) {
    LabProcess process = Daemon.TANDEM.start(lab, node, jar, instances);
    started.add(process);
    return process;
  }
}
