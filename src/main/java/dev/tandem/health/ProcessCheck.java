package dev.tandem.health;

import dev.tandem.config.CheckSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The process a pid file names: healthy while /proc/PID exists and is not a zombie (an orphan can
 * stay a zombie for a second before it is reaped). Never by name: namespaces do not separate
 * processes, so a name would match another node's nginx.
 */
public final class ProcessCheck implements HealthCheck {
  private final CheckSpec.Process spec;
  private final Path proc;

  public ProcessCheck(CheckSpec.Process spec) {
    this(spec, Path.of("/proc"));
  }

  ProcessCheck(CheckSpec.Process spec, Path proc) {
    this.spec = spec;
    this.proc = proc;
  }

  @Override
  public CheckOutcome run(Duration timeout) {
    OptionalLong pid;
    try {
      pid = parsePid(Files.readString(spec.pidFile()));
    } catch (NoSuchFileException e) {
      return CheckOutcome.failed("no pid file " + spec.pidFile());
    } catch (IOException e) {
      return CheckOutcome.failed("cannot read " + spec.pidFile() + ": " + Failures.describe(e));
    }
    if (pid.isEmpty()) {
      return CheckOutcome.failed(spec.pidFile() + " holds no pid");
    }
    String process = "process " + pid.getAsLong() + " (" + spec.pidFile() + ")";
    try {
      String stat = Files.readString(proc.resolve(Long.toString(pid.getAsLong())).resolve("stat"));
      // The state follows the command name, which may itself hold ") ": take the last one.
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'Z' || state == 'X'
          ? CheckOutcome.failed(process + " is a zombie")
          : CheckOutcome.healthy(process + " is running");
    } catch (IOException | StringIndexOutOfBoundsException e) {
      return CheckOutcome.failed(process + " is not running");
    }
  }

  private static OptionalLong parsePid(String text) {
    String first = text.strip().split("\\s+")[0];
    return first.matches("[1-9][0-9]{0,9}") ? OptionalLong.of(Long.parseLong(first)) : OptionalLong.empty();
  }
}
