package dev.tandem.vrrp;

import static dev.tandem.vrrp.StateMachineRulesTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.vrrp.SimulatedLan.AdvertAt;
import dev.tandem.vrrp.SimulatedLan.Router;
import dev.tandem.vrrp.SimulatedLan.TransitionAt;
import java.math.BigDecimal;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two routers against each other on a simulated clock: elections, failovers and preemption. */
class TwoRouterScenarioTest {
  static final Inet4Address A_IP = ip("192.0.2.11");
  static final Inet4Address B_IP = ip("192.0.2.12");
  static final Duration ONE_SECOND = Duration.ofSeconds(1);

  final SimulatedLan lan = new SimulatedLan();
  Router a;
  Router b;

  @Test
  void electionByPriority() {
    electAOverB();

    assertEquals(
        List.of(
            new TransitionAt(0, "A", new Transition(VrrpState.INITIALIZE, VrrpState.BACKUP, new TransitionReason.Startup())),
            new TransitionAt(0, "B", new Transition(VrrpState.INITIALIZE, VrrpState.BACKUP, new TransitionReason.Startup())),
            // the higher priority has the shorter Master_Down_Interval: 3 + 106/256 s
            new TransitionAt(at("3.4140625"), "A", new Transition(
                VrrpState.BACKUP, VrrpState.MASTER, new TransitionReason.MasterDown(Optional.empty())))),
        lan.transitions);
    assertEquals(List.of(a), lan.addressHolders());
    assertEquals(18, lan.advertsOf(a).size(), "one advert per second from 3.414 s to 20.414 s");
  }

  @Test
  void failoverExactlyMasterDownIntervalAfterTheLastAdvert() {
    electAOverB();
    lan.crash(a);
    lan.runUntil(at("40"));

    AdvertAt lastFromA = last(lan.advertsOf(a));
    assertEquals(at("20.4140625"), lastFromA.atNanos());
    TransitionAt takeover = last(lan.transitionsOf(b));
    assertEquals(lastFromA.atNanos() + VrrpTimers.masterDownInterval(2, 100, ONE_SECOND).toNanos(), takeover.atNanos());
    assertEquals(at("24.0234375"), takeover.atNanos());
    assertEquals(
        new Transition(VrrpState.BACKUP, VrrpState.MASTER,
            new TransitionReason.MasterDown(Optional.of(new HeardMaster(A_IP, 150, lastFromA.atNanos())))),
        takeover.transition());
    assertEquals(List.of(b), lan.addressHolders());
  }

  @Test
  void priorityZeroReleaseIsTakenOverAfterSkewTime() {
    electAOverB();
    lan.shutdown(a);
    lan.runUntil(at("40"));

    assertEquals(new AdvertAt(at("20.5"), "A", 0), last(lan.advertsOf(a)));
    TransitionAt takeover = last(lan.transitionsOf(b));
    // Skew_Time for priority 100: 156/256 s
    assertEquals(at("21.109375"), takeover.atNanos());
    assertEquals(
        new TransitionReason.MasterDown(Optional.of(new HeardMaster(A_IP, 0, at("20.5")))),
        takeover.transition().reason());
    assertEquals(List.of(b), lan.addressHolders());
  }

  @Test
  void higherPriorityPreemptsBackWhenItReturns() {
    electAOverB();
    lan.crash(a);
    lan.runUntil(at("30"));
    lan.start(a);
    lan.runUntil(at("60"));

    // A discards B's lower-priority adverts, its Master_Down_Timer runs out, and its first advert
    // sends B back to Backup in the same instant.
    TransitionAt aTakesOver = last(lan.transitionsOf(a));
    assertEquals(at("33.4140625"), aTakesOver.atNanos());
    AdvertAt lastFromB = lastBefore(lan.advertsOf(b), aTakesOver.atNanos());
    assertEquals(
        new TransitionReason.MasterDown(Optional.of(new HeardMaster(B_IP, 100, lastFromB.atNanos()))),
        aTakesOver.transition().reason());
    assertEquals(
        new TransitionAt(at("33.4140625"), "B", new Transition(VrrpState.MASTER, VrrpState.BACKUP,
            new TransitionReason.PreemptedBy(new HeardMaster(A_IP, 150, at("33.4140625"))))),
        last(lan.transitionsOf(b)));
    assertEquals(List.of(a), lan.addressHolders());
  }

  @Test
  void nopreemptKeepsTheCurrentMaster() {
    a = lan.add("A", v2(A_IP, 150, false, Duration.ZERO));
    b = lan.add("B", v2(B_IP, 100, false, Duration.ZERO));
    lan.start(b);
    lan.runUntil(at("10"));
    lan.start(a);
    lan.runUntil(at("120"));

    assertEquals(VrrpState.MASTER, b.state());
    assertEquals(VrrpState.BACKUP, a.state());
    assertEquals(1, lan.transitionsOf(a).size(), "A only ever entered Backup");
    assertEquals(List.of(b), lan.addressHolders());
  }

  @Test
  void preemptDelayHoldsPreemptionBackAfterStart() {
    a = lan.add("A", v2(A_IP, 150, true, Duration.ofSeconds(10)));
    b = lan.add("B", v2(B_IP, 100, true, Duration.ZERO));
    lan.start(b);
    lan.runUntil(at("10"));
    lan.start(a);
    lan.runUntil(at("60"));

    // B's adverts before 20 s (10 s after A's start) reset A's timer; the first one after is
    // discarded, so A takes over one Master_Down_Interval after the last one it accepted.
    AdvertAt lastAccepted = lastBefore(lan.advertsOf(b), at("20"));
    TransitionAt aTakesOver = last(lan.transitionsOf(a));
    assertEquals(VrrpState.MASTER, aTakesOver.transition().to());
    assertEquals(lastAccepted.atNanos() + at("3.4140625"), aTakesOver.atNanos());
    assertEquals(VrrpState.BACKUP, b.state());
  }

  @Test
  void lowerEffectivePriorityOnMasterLetsTheBackupTakeOver() {
    electAOverB();
    lan.changePriority(a, 80);
    lan.runUntil(at("40"));

    // B accepted A's advert at 20.414 s (150), discards the ones carrying 80, and takes over at
    // 20.4140625 + 3.609375 s; A, hearing 100 > 80, steps down in the same instant.
    assertEquals(new AdvertAt(at("21.4140625"), "A", 80), lan.advertsOf(a).get(18));
    TransitionAt bTakesOver = last(lan.transitionsOf(b));
    assertEquals(at("24.0234375"), bTakesOver.atNanos());
    assertEquals(
        new TransitionReason.MasterDown(Optional.of(new HeardMaster(A_IP, 80, at("23.4140625")))),
        bTakesOver.transition().reason());
    assertEquals(VrrpState.BACKUP, a.state());
    assertEquals(List.of(b), lan.addressHolders());
  }

  @Test
  void v3BackupAdoptsTheMastersIntervalForItsFailover() {
    startTogether(
        new RouterParams(3, 150, Duration.ofMillis(500), true, Duration.ZERO, A_IP),
        new RouterParams(3, 100, ONE_SECOND, true, Duration.ZERO, B_IP),
        "10.2");
    lan.crash(a);
    lan.runUntil(at("20"));

    // A: Master after 1.5 + 106 × 0.5 / 256 s; B adopts 0.5 s, so it fails over after
    // 1.5 + 156 × 0.5 / 256 = 1.8046875 s instead of its own 3.609375 s.
    AdvertAt lastFromA = last(lan.advertsOf(a));
    assertEquals(at("9.70703125"), lastFromA.atNanos());
    assertEquals(lastFromA.atNanos() + at("1.8046875"), last(lan.transitionsOf(b)).atNanos());
    assertEquals(VrrpState.MASTER, b.state());
  }

  /** A (priority 150) and B (100), both preempting, start together and run until 20.5 s. */
  private void electAOverB() {
    startTogether(v2(A_IP, 150, true, Duration.ZERO), v2(B_IP, 100, true, Duration.ZERO), "20.5");
  }

  private void startTogether(RouterParams aParams, RouterParams bParams, String untilSeconds) {
    a = lan.add("A", aParams);
    b = lan.add("B", bParams);
    lan.start(a);
    lan.start(b);
    lan.runUntil(at(untilSeconds));
  }

  private static RouterParams v2(Inet4Address address, int priority, boolean preempt, Duration preemptDelay) {
    return new RouterParams(2, priority, ONE_SECOND, preempt, preemptDelay, address);
  }

  private static long at(String seconds) {
    return new BigDecimal(seconds).movePointRight(9).longValueExact();
  }

  private static <T> T last(List<T> items) {
    assertTrue(!items.isEmpty(), "nothing recorded");
    return items.get(items.size() - 1);
  }

  private static AdvertAt lastBefore(List<AdvertAt> adverts, long nanos) {
    return last(adverts.stream().filter(a -> a.atNanos() < nanos).toList());
  }
}
