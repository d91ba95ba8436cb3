package dev.tandem.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem reload}: sends SIGHUP to a running controller, as {@code kill -HUP} does for
 * keepalived. The controller logs what the reload did (or why it refused it).
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
    description = "Make a running tandem reload its configuration (SIGHUP); the outcome is in its log.")
final class ReloadCommand implements Callable<Integer> {
  private static final long KILL_TIMEOUT_SECONDS = 5;

  @Spec
  CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Target target;

  /** Which controller: by the pid file `run --pid-file` wrote, or by process id. */
  static final class Target {
    @Option(names = {"-p", "--pid-file"}, paramLabel = "FILE", description = "the pid file of `tandem run --pid-file`")
    Path pidFile;

    @Option(names = "--pid", paramLabel = "N", description = "the controller's process id")
    Long pid;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    long pid;
    if (target.pid != null) {
      pid = target.pid;
    } else {
      try {
        pid = Long.parseLong(Files.readString(target.pidFile).strip());
      } catch (NoSuchFileException e) {
        return fail("no pid file " + target.pidFile + ": is tandem running with --pid-file " + target.pidFile + "?");
      } catch (NumberFormatException e) {
        return fail("the pid file " + target.pidFile + " does not hold a process id");
      }
    }
    if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
      return fail("no process " + pid + " is running");
    }
    Process kill = new ProcessBuilder(List.of("kill", "-HUP", Long.toString(pid))).redirectErrorStream(true).start();
    String output = new String(kill.getInputStream().readAllBytes()).strip();
    if (!kill.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      kill.destroyForcibly();
      return fail("could not signal process " + pid + ": " + output);
    }
    spec.commandLine().getOut().println("tandem: sent SIGHUP to " + pid + "; its log says how the reload went");
    return ExitCodes.OK;
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("tandem: " + message);
    return ExitCodes.RUNTIME_ERROR;
  }
}
