package dev.tandem.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A process the lab started in a node's namespace. {@code ip netns exec} execs the command, so
 * {@link #pid()} is the program's own PID and every signal goes to it by PID. Daemons that fork
 * helpers of their own (keepalived's VRRP child) name them in pid files; {@link #kill()} reaches
 * those too, so that a hard kill leaves nothing running that could still speak on the wire.
 */
public final class LabProcess {
  private static final Duration EXIT_BOUND = Duration.ofSeconds(5);

  private final String label;
  private final String host;
  private final Process process;
  private final Path log;
  private final List<Path> helperPidFiles;

  LabProcess(String label, String host, Process process, Path log, List<Path> helperPidFiles) {
    this.label = label;
    this.host = host;
    this.process = process;
    this.log = log;
    this.helperPidFiles = List.copyOf(helperPidFiles);
  }

  public String label() {
    return label;
  }

  /** The lab host (node name, or "bridge") whose namespace the process runs in. */
  public String host() {
    return host;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return log;
  }

  /** Everything the process wrote to stdout and stderr so far. */
  public String log() {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new LabException("cannot read " + log + ": " + e.getMessage());
    }
  }

  /** Java reaps its own children, so a dead main process is never mistaken for a live zombie here. */
  public boolean isRunning() {
    return process.isAlive();
  }

  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** Waits up to {@code bound} for the process to exit on its own; its exit code if it did. */
  public OptionalInt awaitExit(Duration bound) {
    Lab.waitFor(bound, () -> !process.isAlive());
    return exitCode();
  }

  /**
   * SIGTERM, as an operator's {@code systemctl stop}; SIGKILL for whatever is still running after
   * {@code bound}. Returns the exit code (128 + 9 when it had to be killed).
   */
  public int terminate(Duration bound) {
    if (process.isAlive()) {
      process.destroy();
      if (awaitExit(bound).isEmpty() || !Lab.waitFor(bound, this::helpersGone)) {
        kill();
      }
    }
    return process.exitValue();
  }

  /** Sends the program (its own PID) the signal {@code name}, e.g. {@code "HUP"}. */
  public void signal(String name) {
    Commands.run(List.of("kill", "-" + name, Long.toString(process.pid())));
  }

  /**
   * SIGKILL, as a crash: no goodbye advert, VIPs left on the interface. The main process is frozen
   * first so that it cannot respawn or signal a helper while the helpers are killed.
   */
  public void kill() {
    List<Long> helpers = helperPids();
    if (!helpers.isEmpty() && process.isAlive()) {
      Commands.tryRun(List.of("kill", "-STOP", Long.toString(process.pid())));
    }
    for (long helper : helpers) {
      ProcessHandle.of(helper).ifPresent(ProcessHandle::destroyForcibly);
    }
    process.destroyForcibly();
    if (awaitExit(EXIT_BOUND).isEmpty() || !Lab.waitFor(EXIT_BOUND, this::helpersGone)) {
      throw new LabException(label + " (PID " + process.pid() + ") did not die on SIGKILL within "
          + EXIT_BOUND.toSeconds() + " s");
    }
  }

  private boolean helpersGone() {
    return helperPids().isEmpty();
  }

  /** The helpers named in the pid files that are still running (zombies count as gone). */
  private List<Long> helperPids() {
    List<Long> pids = new ArrayList<>();
    for (Path file : helperPidFiles) {
      try {
        long pid = Long.parseLong(Files.readString(file).strip());
        if (isLive(pid)) {
          pids.add(pid);
        }
      } catch (IOException | NumberFormatException e) {
        // No pid file (the helper never started or removed it on exit): nothing to stop.
      }
    }
    return pids;
  }

  /**
   * Whether a PID is a live process. An orphan that died stays a zombie until PID 1 reaps it
   * (about a second here), so state Z or X counts as gone.
   */
  static boolean isLive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | IndexOutOfBoundsException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return label + " on " + host + " (PID " + process.pid() + ")";
  }
}
