package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two real keepalived 2.2.7 in the lab, measured on the wire: the reference every tandem network
 * test and the failover benchmark compare against.
 */
class KeepalivedPairIT {
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final int VRID = 60;
  private static final LabInstance MASTER = LabInstance.v3("VI_1", VRID, 150, "192.0.2.100/24");
  private static final LabInstance BACKUP = MASTER.withPriority(100).startingAsBackup();
  private static final String VIP = "192.0.2.100";

  @Test
  void failsOverOnAKillPreemptsBackAndHandsOverOnAStop() {
    LabRequirements.requireCapture();
    LabRequirements.requireKeepalived();
    try (Lab lab = Lab.create("lb1", "lb2")) {
      LabNode lb1 = lab.node("lb1");
      LabNode lb2 = lab.node("lb2");
      Capture capture = lab.startCapture();
      LabProcess first = lab.startKeepalived(lb1, LabConfigs.keepalived(lb1, lab.nodes(), List.of(MASTER)));
      lab.startKeepalived(lb2, LabConfigs.keepalived(lb2, lab.nodes(), List.of(BACKUP)));
      assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb1, VIP) && lab.log(lb2).contains("Entering BACKUP STATE")),
          lab.log(lb1) + lab.log(lb2));
      assertFalse(lab.holds(lb2, VIP));

      Instant killed = Instant.now();
      first.kill();
      assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, VIP)), lab.log(lb2));
      assertTrue(lab.holds(lb1, VIP), "a SIGKILLed keepalived leaves its VIP behind");
      Handover failover = capture.awaitHandover(VRID, lb1.address(), lb2.address(), killed, BOUND).orElseThrow();
      Duration down = BACKUP.masterDownInterval();
      assertTrue(failover.gap().compareTo(down.minusMillis(20)) > 0
          && failover.gap().compareTo(down.plusSeconds(1)) < 0,
          "takeover after Master_Down_Interval " + down + ", got " + failover.gap());
      assertFalse(capture.timeline().garps(VIP).isEmpty(), "the new master announces the VIP");

      LabProcess again = lab.startKeepalived(lb1, LabConfigs.keepalived(lb1, lab.nodes(), List.of(MASTER)));
      assertTrue(capture.awaitHandover(VRID, lb2.address(), lb1.address(), killed, BOUND).isPresent(),
          "the restarted higher priority preempts: " + again.log());
      assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb1, VIP) && !lab.holds(lb2, VIP)));

      Instant stopped = Instant.now();
      assertEquals(0, again.terminate(Duration.ofSeconds(2)));
      assertFalse(lab.holds(lb1, VIP), "a stopped keepalived removes its VIP");
      Handover release = capture.awaitHandover(VRID, lb1.address(), lb2.address(), stopped, BOUND).orElseThrow();
      assertEquals(0, release.lastOfOld().priority(), "the stopping master's last advert has priority 0");
      assertTrue(release.gap().compareTo(down) < 0, "after a priority-0 advert the backup waits only Skew_Time "
          + BACKUP.skewTime() + ", got " + release.gap());
      assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, VIP)));
      assertEquals(0, capture.timeline().rejected());
      System.out.printf("keepalived pair: takeover gap %s (Master_Down_Interval %s), release gap %s (Skew_Time %s)%n",
          failover.gap(), down, release.gap(), BACKUP.skewTime());
    }
  }
}
