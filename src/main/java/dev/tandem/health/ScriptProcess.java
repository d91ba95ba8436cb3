package dev.tandem.health;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script to completion within a bound: the track scripts' checks and the notify scripts
 * both run this way. The script is started through {@code setsid} so it leads its own process
 * group; on overrun that whole group is killed (by the script's own pgid, never by name), so that
 * what the script started goes with it, as keepalived does. Only the first
 * {@link #MAX_OUTPUT_BYTES} of its output (stdout and stderr together) are kept; the rest is read
 * and dropped so that a chatty script never blocks on a full pipe. Blocking: call it from a
 * blocking dispatcher or thread.
 */
public final class ScriptProcess {
  public static final int MAX_OUTPUT_BYTES = 4096;
  /** Exit status for a script that could not be started, as a shell reports a missing command. */
  public static final int NOT_STARTED = 127;
  /** Exit status of a script killed with SIGKILL, as a shell reports it. */
  public static final int KILLED = 128 + 9;
  /** How long to wait for the pipe to close after the script ended: a daemon it left may hold it open. */
  private static final long OUTPUT_GRACE_MILLIS = 200;
  private static final Duration KILL_GRACE = Duration.ofSeconds(2);

  private ScriptProcess() {}

  /** Runs {@code argv} (no shell involved) and waits at most {@code timeout} for it. */
  public static ScriptResult run(List<String> argv, Duration timeout) {
    if (argv.isEmpty()) {
      return new ScriptResult(NOT_STARTED, false, "empty command");
    }
    List<String> command = new ArrayList<>();
    command.add("setsid");
    command.addAll(argv);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    } catch (IOException e) {
      return new ScriptResult(NOT_STARTED, false, "cannot start setsid: " + e.getMessage());
    }
    BoundedOutput output = new BoundedOutput(process.getInputStream(), MAX_OUTPUT_BYTES, "script-output-" + process.pid());
    try {
      boolean timedOut = !process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (timedOut) {
        killGroup(process.pid());
        process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
      return new ScriptResult(process.isAlive() ? KILLED : process.exitValue(), timedOut,
          output.text(OUTPUT_GRACE_MILLIS));
    } catch (InterruptedException e) {
      killGroup(process.pid());
      Thread.currentThread().interrupt();
      return new ScriptResult(KILLED, true, "interrupted");
    }
  }

  /** setsid ran the script in place (a child of the JVM is no group leader, so it does not fork): pgid = pid. */
  private static void killGroup(long pgid) {
    try {
      Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      ProcessHandle.of(pgid).ifPresent(ProcessHandle::destroyForcibly);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
