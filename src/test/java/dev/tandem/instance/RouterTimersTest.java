package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.vrrp.Timer;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router's timers in manual time: one delivery per arming, none after a cancel, stale deliveries refused. */
class RouterTimersTest {
  private final ActorTestKit kit = ActorTestKit.create(ManualTime.config());
  private final ManualTime time = ManualTime.get(kit.system());
  private final TestProbe<RouterCommand> router = kit.createTestProbe();
  private final RouterTimers timers = new RouterTimers(kit.system().scheduler(), router.ref());

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void anArmedTimerFiresOnceAtItsDelayWithItsDueTime() {
    timers.arm(Timer.ADVER, Duration.ofMillis(100), 42);
    time.timePasses(Duration.ofMillis(99));
    router.expectNoMessage(Duration.ZERO);
    time.timePasses(Duration.ofMillis(1));
    RouterCommand.TimerFired fired = router.expectMessageClass(RouterCommand.TimerFired.class);
    assertEquals(Timer.ADVER, fired.timer());
    assertEquals(42, fired.dueNanos());
    assertTrue(timers.take(fired));
    assertFalse(timers.take(fired), "taken once: it is no longer armed");
  }

  @Test
  void aCancelledTimerDoesNotFire() {
    timers.arm(Timer.MASTER_DOWN, Duration.ofMillis(100), 0);
    timers.cancel(Timer.MASTER_DOWN);
    time.timePasses(Duration.ofSeconds(1));
    router.expectNoMessage(Duration.ZERO);
  }

  @Test
  void reArmingReplacesTheEarlierArming() {
    timers.arm(Timer.MASTER_DOWN, Duration.ofMillis(100), 1);
    time.timePasses(Duration.ofMillis(50));
    timers.arm(Timer.MASTER_DOWN, Duration.ofMillis(100), 2);
    time.timePasses(Duration.ofMillis(60));
    router.expectNoMessage(Duration.ZERO);
    time.timePasses(Duration.ofMillis(40));
    assertEquals(2, router.expectMessageClass(RouterCommand.TimerFired.class).dueNanos());
  }

  @Test
  void aDeliveryAlreadyOnItsWayWhenTheTimerWasCancelledOrReArmedIsRefused() {
    timers.arm(Timer.ADVER, Duration.ofMillis(100), 1);
    time.timePasses(Duration.ofMillis(100));
    RouterCommand.TimerFired stale = router.expectMessageClass(RouterCommand.TimerFired.class);
    timers.cancel(Timer.ADVER);
    assertFalse(timers.take(stale));

    timers.arm(Timer.ADVER, Duration.ofMillis(100), 2);
    time.timePasses(Duration.ofMillis(100));
    RouterCommand.TimerFired second = router.expectMessageClass(RouterCommand.TimerFired.class);
    timers.arm(Timer.ADVER, Duration.ofMillis(100), 3);
    assertFalse(timers.take(second), "re-armed since");
  }

  @Test
  void theTwoTimersAreIndependentAndCancelAllStopsBoth() {
    timers.arm(Timer.ADVER, Duration.ofMillis(100), 1);
    timers.arm(Timer.MASTER_DOWN, Duration.ofMillis(100), 2);
    timers.cancel(Timer.ADVER);
    time.timePasses(Duration.ofMillis(100));
    assertEquals(Timer.MASTER_DOWN, router.expectMessageClass(RouterCommand.TimerFired.class).timer());

    timers.arm(Timer.ADVER, Duration.ofMillis(100), 3);
    timers.arm(Timer.MASTER_DOWN, Duration.ofMillis(100), 4);
    timers.cancelAll();
    time.timePasses(Duration.ofSeconds(1));
    router.expectNoMessage(Duration.ZERO);
  }
}
