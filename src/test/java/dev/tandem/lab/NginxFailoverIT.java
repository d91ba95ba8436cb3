package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testsupport.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeds' nginx scenarios end to end (issue 5, item 6): two tandem nodes, each with its nginx
 * daemon and the check the seeds track, and the client asking the VIP every 20 ms. nginx is found,
 * killed and restarted by its pid file only (namespaces do not separate processes). Bounds are
 * generous: the machine runs several builds at once.
 */
class NginxFailoverIT extends NginxPairLab {
  private static final String FAULT = "(VI_1) Entering FAULT STATE";
  private static final String MASTER = "(VI_1) Entering MASTER STATE";

  @Override
  void requireTools() {
    super.requireTools();
    Environment.requireOrSkip(Lab.installed("curl"), "seed 002's check script runs curl, not installed");
  }

  @Test
  void checkNginxRestartsAKilledNginxAndTheVipStays() {
    ServedPair setup = start(LabInstance.v2("VI_1", 81, 150, "192.0.2.181/24").tracking(LabNginx.checkNginx(lab)));
    long before = setup.lb1Nginx().pid().orElseThrow();

    Instant killed = Instant.now();
    setup.lb1Nginx().kill();
    // The check runs every second: the next run finds the pid dead and starts nginx again.
    assertTrue(Lab.waitFor(Duration.ofSeconds(1).plus(BOUND), () -> setup.lb1Nginx().isRunning()),
        "check_nginx restarts nginx: " + setup.onLb1().log());
    Instant restarted = Instant.now();
    assertTrue(setup.lb1Nginx().pid().orElseThrow() != before, "a new nginx");
    assertFalse(Lab.waitFor(setup.backup().masterDownInterval(), () -> setup.onLb2().log().contains(MASTER)),
        "the peer never takes over: " + setup.onLb2().log());
    assertFalse(setup.onLb1().log().contains(FAULT), setup.onLb1().log());
    assertTrue(lab.holds(lb1, setup.vip()) && !lab.holds(lb2, setup.vip()));
    assertEquals(List.of(), client.notAnsweredBy(lb1, restarted), "lb1 serves every request once nginx is back");
    System.out.printf("nginx restarted by check_nginx: %d requests failed while it was down (every %d ms)%n",
        client.failuresBetween(killed, restarted).size(), PERIOD.toMillis());
  }

  @Test
  void nginxThatCannotStartPutsTheMasterInFaultTheVipMovesAndReturnsWithPreempt() {
    LabCheck check = LabNginx.checkNginx(lab);
    ServedPair setup = start(LabInstance.v2("VI_1", 82, 150, "192.0.2.182/24").tracking(check));
    failOverAndBack(setup, check, unableToStart(setup), () -> setup.lb1Nginx().allowStart(), true);
    assertTrue(setup.onLb1().log().contains(FAULT), "weight 0: Fault: " + setup.onLb1().log());
  }

  @Test
  void nginxThatCannotStartLowersTheMastersPriorityTheVipMovesAndReturnsWithPreempt() {
    LabCheck check = LabNginx.checkNginx(lab).withWeight(-60).withFall(2);
    ServedPair setup = start(LabInstance.v2("VI_1", 83, 150, "192.0.2.183/24").tracking(check));
    failOverAndBack(setup, check, unableToStart(setup), () -> setup.lb1Nginx().allowStart(), true);
    assertFalse(setup.onLb1().log().contains(FAULT), "weight -60: priority 90, not Fault: " + setup.onLb1().log());
  }

  @Test
  void withNopreemptTheVipStaysOnThePeerWhenNginxIsBack() {
    // A negative weight could not move the VIP here: a nopreempt backup never takes over from a
    // master that still advertises, whatever its priority (RFC 3768 6.4.2). Fault (weight 0) does.
    LabCheck check = LabNginx.checkNginx(lab);
    ServedPair setup = start(LabInstance.v2("VI_1", 84, 150, "192.0.2.184/24").nopreempt().tracking(check));
    failOverAndBack(setup, check, unableToStart(setup), () -> setup.lb1Nginx().allowStart(), false);
  }

  @Test
  void seed002sCurlCheckWithAHostHeaderMovesTheVipWhileNginxIsDown() {
    LabCheck check = LabNginx.checkWeb(lab);
    ServedPair setup = start(LabInstance.v2("VI_1", 85, 150, "192.0.2.185/24").tracking(check));
    assertEquals("404", lab.exec(lb1, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1/"),
        "without the Host header nginx does not serve the site: the check must send it");
    failOverAndBack(setup, check, () -> setup.lb1Nginx().kill(), () -> setup.lb1Nginx().start(), true);
  }

  @Test
  void theBuiltInHttpCheckMovesTheVipWhileNginxIsDown() {
    LabCheck check = LabNginx.httpCheck();
    ServedPair setup = start(LabInstance.v2("VI_1", 86, 150, "192.0.2.186/24").tracking(check));
    failOverAndBack(setup, check, () -> setup.lb1Nginx().kill(), () -> setup.lb1Nginx().start(), true);
  }

  /** nginx killed with a configuration it refuses: check_nginx's restart fails, so the check fails. */
  private static Runnable unableToStart(ServedPair setup) {
    return () -> {
      setup.lb1Nginx().preventStart();
      setup.lb1Nginx().kill();
    };
  }

  private ServedPair start(LabInstance master) {
    return startServedPair(master, instance -> start(Daemon.TANDEM, lb1, List.of(instance)));
  }

  /**
   * Takes lb1's nginx down, sees the client served by lb2 within the check's detection (interval ×
   * fall) plus the peer's Master_Down_Interval (the bound for both weights), brings nginx back and
   * sees lb1 serve again after the check's rise and a Master_Down_Interval ({@code preempt}), or
   * lb2 keep serving.
   */
  private void failOverAndBack(ServedPair setup, LabCheck check, Runnable takeDown, Runnable bringBack, boolean preempt) {
    Duration interval = Duration.ofSeconds(check.intervalSeconds());
    Instant down = Instant.now();
    takeDown.run();
    ClientRequest moved = client.awaitAnswerFrom(lb2, down,
            interval.multipliedBy(check.fall()).plus(setup.backup().masterDownInterval()).plus(BOUND))
        .orElseThrow(() -> new AssertionError("the VIP moves to lb2: " + setup.onLb1().log() + setup.onLb2().log()));
    System.out.printf("%s, weight %d, fall %d: lb2 answered %d ms after nginx went down on lb1, %d requests failed%n",
        check.name(), check.weight(), check.fall(), Duration.between(down, moved.at()).toMillis(),
        client.failuresBetween(down, moved.at()).size());
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, setup.vip()) && !lab.holds(lb1, setup.vip())),
        setup.onLb1().log() + setup.onLb2().log());

    Instant back = Instant.now();
    bringBack.run();
    Duration returnBound = interval.multipliedBy(check.rise()).plus(setup.master().masterDownInterval()).plus(BOUND);
    if (preempt) {
      ClientRequest returned = client.awaitAnswerFrom(lb1, back, returnBound)
          .orElseThrow(() -> new AssertionError("the VIP returns to lb1: " + setup.onLb1().log()));
      System.out.printf("%s: lb1 answered again %d ms after nginx could start%n", check.name(),
          Duration.between(back, returned.at()).toMillis());
      assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb1, setup.vip()) && !lab.holds(lb2, setup.vip())),
          setup.onLb1().log() + setup.onLb2().log());
    } else {
      assertTrue(Lab.waitFor(interval.plus(BOUND), () -> setup.lb1Nginx().isRunning()), setup.onLb1().log());
      assertFalse(Lab.waitFor(returnBound, () -> client.firstAnswerFrom(lb1, back).isPresent()),
          "nopreempt: lb2 keeps the VIP: " + setup.onLb1().log());
      assertTrue(lab.holds(lb2, setup.vip()) && !lab.holds(lb1, setup.vip()));
    }
  }
}
