package dev.tandem.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command line run by {@code sh -c} through {@link ScriptProcess} (its own process group, killed
 * whole on timeout), optionally as another user ({@code runuser}). Healthy when it exits 0: only
 * the exit code counts.
 */
public final class ShellCheck implements HealthCheck {
  private final String command;
  private final Optional<ScriptUser> user;

  public ShellCheck(String command, Optional<ScriptUser> user) {
    this.command = command;
    this.user = user;
  }

  @Override
  public CheckOutcome run(Duration timeout) {
    List<String> argv = new ArrayList<>();
    user.ifPresent(u -> argv.addAll(u.runuserPrefix()));
    argv.addAll(List.of("sh", "-c", command));
    ScriptResult result = ScriptProcess.run(argv, timeout);
    String detail = result.timedOut() ? "timed out after " + describe(timeout) : "exited with status " + result.exitStatus();
    return new CheckOutcome(result.succeeded(), detail, result.output());
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
  }
}
