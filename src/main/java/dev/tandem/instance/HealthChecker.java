package dev.tandem.instance;

import dev.tandem.config.ScriptConfig;
import dev.tandem.health.CheckOutcome;
import dev.tandem.health.HealthCheck;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs one tracked check every interval and reports each outcome to the {@link VirtualRouter}. It
 * runs on the blocking dispatcher (a check blocks up to its timeout) and runs the first check at
 * once, as keepalived does. The next run is armed as a run starts, so the cadence does not drift by
 * the checks' duration; runs never overlap, since an actor handles one message at a time: a check
 * slower than its interval is followed at once by the next, as keepalived runs it at the first
 * interval after the previous one ended.
 */
final class HealthChecker {
  /** Time for the next run. */
  record Run() {}

  private final ActorContext<Run> context;
  private final TimerScheduler<Run> timers;
  private final ScriptConfig script;
  private final HealthCheck check;
  private final ActorRef<RouterCommand> router;
  private final String tag;
  private String lastDetail = "";

  private HealthChecker(ActorContext<Run> context, TimerScheduler<Run> timers, ScriptConfig script, HealthCheck check,
      ActorRef<RouterCommand> router) {
    this.context = context;
    this.timers = timers;
    this.script = script;
    this.check = check;
    this.router = router;
    this.tag = "VRRP_Script(" + script.name() + ") ";
  }

  static Behavior<Run> create(ScriptConfig script, HealthCheck check, ActorRef<RouterCommand> router) {
    return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
      HealthChecker checker = new HealthChecker(ctx, timers, script, check, router);
      ctx.getSelf().tell(new Run());
      return Behaviors.receive(Run.class).onMessage(Run.class, checker::onRun).build();
    }));
  }

  private Behavior<Run> onRun(Run run) {
    timers.startSingleTimer(new Run(), script.interval());
    CheckOutcome outcome = check.run(script.timeout());
    logOutput(outcome);
    router.tell(new RouterCommand.CheckReported(script.name(), outcome));
    return Behaviors.same();
  }

  /** The output of a changed result is worth reading; the same output every interval is not. */
  private void logOutput(CheckOutcome outcome) {
    if (!outcome.output().isEmpty()) {
      if (outcome.detail().equals(lastDetail)) {
        context.getLog().debug("{}{}, output: {}", tag, outcome.detail(), outcome.output().strip());
      } else {
        context.getLog().info("{}{}, output: {}", tag, outcome.detail(), outcome.output().strip());
      }
    }
    lastDetail = outcome.detail();
  }
}
