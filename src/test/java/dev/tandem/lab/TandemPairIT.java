package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two tandem processes on one lab segment, real packets: election, hard and graceful failover,
 * preemption back, nopreempt, a restarted backup and the seeds' dual master.
 */
class TandemPairIT extends TwoNodeLab {

  @Test
  void higherPriorityHoldsTheVipTheBackupTakesOverOnAKillAndTheOldMasterPreemptsBack() {
    Pair pair = startPair(Daemon.TANDEM, Daemon.TANDEM, LabInstance.v3("VI_1", 61, 150, "192.0.2.101/24"));
    String vip = pair.vip();
    assertFalse(lab.holds(lb2, vip), "only the master holds the VIP");
    assertTrue(pair.onLb1().log().contains("(VI_1) Entering MASTER STATE"), pair.onLb1().log());

    Restart restart = killAndRestartMaster(Daemon.TANDEM, pair);
    assertTrue(pair.onLb2().log().contains("(VI_1) Entering MASTER STATE"), pair.onLb2().log());
    assertTrue(restart.again().log().contains("(VI_1) removing VIP 192.0.2.101/24 left on eth0 by an earlier run"),
        "the restarted node removes the VIP its killed run left: " + restart.again().log());
    System.out.printf("tandem pair: takeover gap %s (Master_Down_Interval %s)%n", restart.takeover().gap(),
        pair.backup().masterDownInterval());
  }

  @Test
  void aStoppedMasterSaysGoodbyeRemovesItsVipAndTheBackupTakesOverAfterSkewTime() {
    Pair pair = startPair(Daemon.TANDEM, Daemon.TANDEM, LabInstance.v3("VI_1", 62, 150, "192.0.2.102/24"));
    String vip = pair.vip();

    Instant stopped = Instant.now();
    assertEquals(0, pair.onLb1().terminate(Duration.ofSeconds(2)), "exit 0 within 2 s of SIGTERM: " + pair.onLb1().log());
    assertFalse(lab.holds(lb1, vip), "the stopped node removed its VIP");
    Handover release = awaitRelease(pair.backup(), stopped, pair.onLb2());
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, vip)), pair.onLb2().log());
    System.out.printf("tandem pair: release gap %s (Skew_Time %s)%n", release.gap(), pair.backup().skewTime());
  }

  @Test
  void withNopreemptTheRestartedHigherPriorityNodeStaysBackup() {
    LabInstance higher = LabInstance.v3("VI_1", 63, 150, "192.0.2.103/24").nopreempt();
    LabInstance lower = higher.withPriority(100);
    String vip = "192.0.2.103";
    List<LabProcess> pair = masterThenBackup(higher, lower, vip);

    pair.get(0).kill();
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, vip)), pair.get(1).log());
    Instant restarted = Instant.now();
    LabProcess again = startInBackup(lb1, higher);
    assertFalse(Lab.waitFor(higher.masterDownInterval().multipliedBy(3), () -> lab.holds(lb1, vip)),
        "nopreempt: the higher priority stays Backup: " + again.log());
    assertTrue(lab.holds(lb2, vip));
    assertTrue(capture.timeline().adverts(63, lb1.address()).stream().noneMatch(a -> a.at().isAfter(restarted)),
        "no advert from the restarted node");
  }

  /**
   * A restarted node counts its first wait for a master from when its link opened, before its
   * actor system ran: the master's adverts of that time must still reach it, or it would take over
   * beside a live master. At 0.1 s the whole Master_Down_Interval (0.36 s) is about that start-up.
   */
  @Test
  void aRestartedBackupHearsTheMasterFromTheMomentItsLinkOpensAndNeverAdvertises() {
    LabInstance higher = LabInstance.v3("VI_1", 64, 150, "192.0.2.104/24");
    LabInstance lower = higher.withPriority(100);
    String vip = "192.0.2.104";
    masterThenBackup(higher, lower, vip).get(1).kill();
    Instant restarted = Instant.now();
    LabProcess again = startInBackup(lb2, lower);
    assertFalse(Lab.waitFor(lower.masterDownInterval().multipliedBy(5), () -> lab.holds(lb2, vip)),
        "the restarted backup stays Backup: " + again.log());
    assertFalse(again.log().contains("Entering MASTER STATE"), again.log());
    assertTrue(lab.holds(lb1, vip));
    assertTrue(capture.timeline().adverts(64, lb2.address()).stream().noneMatch(a -> a.at().isAfter(restarted)),
        "no advert from the restarted backup");
  }

  @Test
  void dualMasterEachNodeServesOneVipTheSurvivorServesBothAndTheyReturn() {
    // Seed 000's pair: lb1 masters VI_1 and backs up VI_2, lb2 the mirror (VRRPv2, PASS, 1 s).
    LabInstance vi1 = LabInstance.v2("VI_1", 51, 100, "192.0.2.111/24");
    LabInstance vi2 = LabInstance.v2("VI_2", 52, 100, "192.0.2.112/24");
    List<LabInstance> onLb1 = List.of(vi1, vi2.withPriority(80).startingAsBackup());
    List<LabInstance> onLb2 = List.of(vi1.withPriority(80).startingAsBackup(), vi2);
    LabProcess first = start(Daemon.TANDEM, lb1, onLb1);
    LabProcess second = start(Daemon.TANDEM, lb2, onLb2);
    assertTrue(Lab.waitFor(STARTUP, this::eachServesItsOwn), first.log() + second.log());

    first.kill();
    assertTrue(Lab.waitFor(vi1.masterDownInterval().plus(BOUND),
        () -> lab.holds(lb2, "192.0.2.111") && lab.holds(lb2, "192.0.2.112")), second.log());

    LabProcess again = start(Daemon.TANDEM, lb1, onLb1);
    assertTrue(Lab.waitFor(STARTUP, this::eachServesItsOwn), again.log() + second.log());
  }

  private boolean eachServesItsOwn() {
    return lab.holds(lb1, "192.0.2.111") && !lab.holds(lb1, "192.0.2.112")
        && lab.holds(lb2, "192.0.2.112") && !lab.holds(lb2, "192.0.2.111");
  }

  /**
   * Tandem on lb1 at {@code higher} until it holds {@code vip}, then on lb2 at {@code lower} until
   * it is Backup: one after the other, as started together the lower priority could win the first
   * election.
   */
  private List<LabProcess> masterThenBackup(LabInstance higher, LabInstance lower, String vip) {
    LabProcess master = start(Daemon.TANDEM, lb1, List.of(higher));
    assertTrue(Lab.waitFor(STARTUP, () -> lab.holds(lb1, vip)), master.log());
    return List.of(master, startInBackup(lb2, lower));
  }

  /** Tandem on {@code node} with {@code instance}, once it says it is Backup. */
  private LabProcess startInBackup(LabNode node, LabInstance instance) {
    LabProcess process = start(Daemon.TANDEM, node, List.of(instance));
    assertTrue(Lab.waitFor(STARTUP, () -> process.log().contains("(VI_1) Entering BACKUP STATE")), process.log());
    return process;
  }
}
