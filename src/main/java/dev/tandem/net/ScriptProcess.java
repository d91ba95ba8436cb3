package dev.tandem.net;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script to completion within a bound. The script is started through {@code setsid} so it
 * leads its own process group; on overrun that whole group is killed (by the script's own pgid,
 * never by name), so that what the script started goes with it, as keepalived does. Only the first
 * {@link #MAX_OUTPUT_BYTES} of its output are kept; the rest is read and dropped so that a chatty
 * script never blocks on a full pipe. Blocking: call it from a blocking dispatcher or thread.
 */
public final class ScriptProcess {
  public static final int MAX_OUTPUT_BYTES = 4096;
  /** Exit status for a script that could not be started, as a shell reports a missing command. */
  public static final int NOT_STARTED = 127;
  /** Exit status of a script killed with SIGKILL, as a shell reports it. */
  public static final int KILLED = 128 + 9;
  /** How long to wait for the pipe to close after the script ended: a daemon it left may hold it open. */
  private static final Duration OUTPUT_GRACE = Duration.ofSeconds(1);
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

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
    BoundedOutput output = new BoundedOutput(process.getInputStream());
    Thread reader = new Thread(output, "script-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      boolean timedOut = !process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (timedOut) {
        killGroup(process.pid());
        process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
      reader.join(OUTPUT_GRACE.toMillis());
      return new ScriptResult(process.isAlive() ? KILLED : process.exitValue(), timedOut, output.text());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killGroup(process.pid());
      return new ScriptResult(KILLED, true, output.text());
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

  /** Keeps the first bytes of a stream and drains the rest. */
  private static final class BoundedOutput implements Runnable {
    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;

    BoundedOutput(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          keep(buffer, read);
        }
      } catch (IOException e) {
        // The pipe closed under us: what was read is all there is.
      }
    }

    private synchronized void keep(byte[] buffer, int read) {
      int room = Math.max(0, MAX_OUTPUT_BYTES - kept.size());
      kept.write(buffer, 0, Math.min(room, read));
      dropped += Math.max(0, read - room);
    }

    synchronized String text() {
      String text = kept.toString(StandardCharsets.UTF_8);
      return dropped == 0 ? text : text + "... (" + dropped + " more bytes dropped)";
    }
  }
}
