package dev.tandem.instance;

import dev.tandem.vrrp.Timer;
import java.time.Duration;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.dispatch.ExecutionContexts;
import scala.concurrent.ExecutionContext;

/**
 * The router's RFC timers (Adver_Timer, Master_Down_Timer), armed straight on the actor system's
 * scheduler: the precise one when running, manual time in tests. Pekko's typed timers take a longer
 * way: every delivery passes their interceptor, which sets the logging MDC (a third of the garbage
 * a master made per advert, measured with 100 instances, and garbage brings the next pause) and,
 * on a backup, runs so rarely that a takeover ran it interpreted. As with Pekko's, a timer
 * re-armed or cancelled since it fired is not delivered: its message carries the generation it
 * was armed with.
 */
final class RouterTimers {
  /** The tell runs on the scheduler's thread itself, the VRRP loop's: no hop through another executor. */
  private static final ExecutionContext ON_SCHEDULER_THREAD = ExecutionContexts.fromExecutor(Runnable::run);

  private final Scheduler scheduler;
  private final ActorRef<RouterCommand> router;
  private final Cancellable[] armed = new Cancellable[Timer.values().length];
  private final long[] generations = new long[Timer.values().length];

  RouterTimers(Scheduler scheduler, ActorRef<RouterCommand> router) {
    this.scheduler = scheduler;
    this.router = router;
  }

  /** Arms {@code timer} to fire after {@code delay}, replacing any earlier arming; it is due at {@code dueNanos}. */
  void arm(Timer timer, Duration delay, long dueNanos) {
    cancel(timer);
    RouterCommand.TimerFired fired = new RouterCommand.TimerFired(timer, dueNanos, generations[timer.ordinal()]);
    armed[timer.ordinal()] = scheduler.scheduleOnce(delay, () -> router.tell(fired), ON_SCHEDULER_THREAD);
  }

  void cancel(Timer timer) {
    int slot = timer.ordinal();
    if (armed[slot] != null) {
      armed[slot].cancel();
      armed[slot] = null;
    }
    generations[slot]++;
  }

  /** Whether the message is of the timer's latest arming, still armed; it is then no longer armed. */
  boolean take(RouterCommand.TimerFired fired) {
    int slot = fired.timer().ordinal();
    if (armed[slot] == null || fired.generation() != generations[slot]) {
      return false;
    }
    armed[slot] = null;
    return true;
  }

  /** When the router stops: nothing fires at it afterwards. */
  void cancelAll() {
    for (Timer timer : Timer.values()) {
      cancel(timer);
    }
  }
}
