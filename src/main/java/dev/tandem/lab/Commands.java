package dev.tandem.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Short-lived commands (ip, kill, curl) run to completion within a bound, failing with their stderr. */
final class Commands {
  private static final long BOUND_SECONDS = 15;

  private Commands() {}

  /** Runs the command and returns its stdout; a non-zero exit or a timeout is a {@link LabException}. */
  static String run(List<String> command) {
    Result result = attempt(command);
    if (result.exitCode != 0) {
      throw new LabException(String.join(" ", command) + " failed (exit " + result.exitCode + "): "
          + result.stderr.strip());
    }
    return result.stdout;
  }

  /** Runs the command for its effect where failure is expected and harmless (teardown). */
  static boolean tryRun(List<String> command) {
    try {
      return attempt(command).exitCode == 0;
    } catch (LabException e) {
      return false;
    }
  }

  private static Result attempt(List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    } catch (IOException e) {
      throw new LabException("cannot run " + command.get(0) + ": " + e.getMessage());
    }
    // Both streams are drained concurrently so that a chatty command cannot block on a full pipe.
    CompletableFuture<String> stdout = drain(process, true);
    CompletableFuture<String> stderr = drain(process, false);
    try {
      if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new LabException(String.join(" ", command) + " did not finish within " + BOUND_SECONDS + " s");
      }
      return new Result(process.exitValue(), stdout.get(), stderr.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new LabException("interrupted while running " + String.join(" ", command));
    } catch (ExecutionException e) {
      throw new LabException("cannot read the output of " + command.get(0) + ": " + e.getCause().getMessage());
    }
  }

  private static CompletableFuture<String> drain(Process process, boolean stdout) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        byte[] bytes = (stdout ? process.getInputStream() : process.getErrorStream()).readAllBytes();
        return new String(bytes, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new LabException(e.getMessage());
      }
    });
  }

  private record Result(int exitCode, String stdout, String stderr) {}
}
