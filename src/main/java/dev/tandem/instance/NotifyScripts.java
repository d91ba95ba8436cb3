package dev.tandem.instance;

import dev.tandem.health.ScriptResult;
import dev.tandem.health.ScriptRunner;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs an instance's notify scripts one at a time, in the order the transitions happened, each
 * within its bound. It blocks while a script runs, so it lives on the blocking dispatcher; its
 * mailbox is the queue.
 */
final class NotifyScripts {
  sealed interface Command permits Run, Drain {}

  /** Run these commands (each the words it is executed with) in order, each within {@code timeout}. */
  record Run(List<List<String>> commands, Duration timeout) implements Command {}

  private NotifyScripts() {}

  static Behavior<Command> create(String instance, ScriptRunner runner) {
    return Behaviors.setup(ctx -> Behaviors.receive(Command.class)
        .onMessage(Run.class, run -> {
          run.commands().forEach(argv -> runOne(ctx, instance, runner, argv, run.timeout()));
          return Behaviors.same();
        })
        .onMessage(Drain.class, drain -> {
          drain.replyTo().tell(Done.getInstance());
          return Behaviors.same();
        })
        .build());
  }

  /** A script that cannot be run is logged and skipped: the scripts queued behind it still run. */
  private static void runOne(ActorContext<Command> ctx, String instance, ScriptRunner runner, List<String> argv,
      Duration timeout) {
    try {
      log(ctx, instance, argv, timeout, runner.run(argv, timeout));
    } catch (RuntimeException e) {
      ctx.getLog().warn("({}) notify script `{}` could not run: {}", instance, String.join(" ", argv), e.toString());
    }
  }

  private static void log(ActorContext<Command> ctx, String instance, List<String> argv, Duration timeout,
      ScriptResult result) {
    String command = String.join(" ", argv);
    String output = result.output().isBlank() ? "" : ", output: " + result.output().strip();
    if (result.timedOut()) {
      ctx.getLog().warn("({}) notify script `{}` killed after {} ms{}", instance, command, timeout.toMillis(), output);
    } else if (!result.succeeded()) {
      ctx.getLog().warn("({}) notify script `{}` exited with status {}{}", instance, command, result.exitStatus(),
          output);
    } else {
      ctx.getLog().info("({}) notify script `{}` done{}", instance, command, output);
    }
  }
}
