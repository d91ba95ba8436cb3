package dev.tandem.health;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command line run by {@code sh -c} in a process group of its own ({@code setsid}), optionally as
 * another user ({@code runuser}). Healthy when it exits 0: only the exit code counts. On timeout the
 * whole group, grandchildren included, is killed by its process group id, as keepalived does.
 * Output (stdout and stderr together) is kept up to {@link #OUTPUT_LIMIT} bytes.
 */
public final class ShellCheck implements HealthCheck {
  static final int OUTPUT_LIMIT = 4096;
  /** How long to wait for the output to end after the command did, and for a killed group to go. */
  private static final long GRACE_MILLIS = 200;
  private static final long REAP_MILLIS = 2000;

  private final String command;
  private final Optional<ScriptUser> user;

  public ShellCheck(String command, Optional<ScriptUser> user) {
    this.command = command;
    this.user = user;
  }

  @Override
  public CheckOutcome run(Duration timeout) {
    Process process;
    try {
      process = new ProcessBuilder(commandLine()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return CheckOutcome.failed("could not start: " + e.getMessage());
    }
    BoundedOutput output = new BoundedOutput(process.getInputStream(), OUTPUT_LIMIT, "check-output-" + process.pid());
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        killGroup(process);
        return new CheckOutcome(false, "timed out after " + describe(timeout), output.text(GRACE_MILLIS));
      }
      int status = process.exitValue();
      String detail = status == 0 ? "exited with status 0" : "exited with status " + status;
      return new CheckOutcome(status == 0, detail, output.text(GRACE_MILLIS));
    } catch (InterruptedException e) {
      killGroup(process);
      Thread.currentThread().interrupt();
      return CheckOutcome.failed("interrupted");
    }
  }

  /** setsid makes the shell lead a new group (pgid = its pid): the JVM's child never leads one, so setsid does not fork. */
  private List<String> commandLine() {
    List<String> line = new ArrayList<>(List.of("setsid"));
    user.ifPresent(u -> line.addAll(u.runuserPrefix()));
    line.addAll(List.of("sh", "-c", command));
    return line;
  }

  /** Kills the group by its id (the shell's pid) and reaps the shell; an interrupt is kept for the caller. */
  private static void killGroup(Process process) {
    try {
      Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).redirectErrorStream(true).start();
      kill.waitFor(REAP_MILLIS, TimeUnit.MILLISECONDS);
      process.waitFor(REAP_MILLIS, TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
  }
}
