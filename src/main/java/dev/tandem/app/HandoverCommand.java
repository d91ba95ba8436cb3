package dev.tandem.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem handover}: stop a running controller with a zero-loss handover, whatever its
 * handover-on-stop setting: every Master announces priority 0, keeps its VIPs until the new
 * master's first advert, then releases them and the process exits. It acts on the whole process
 * (all its instances), as SIGTERM does.
 */
@Command(name = "handover", mixinStandardHelpOptions = true,
    description = "Stop a running `tandem run --pid-file FILE` with a zero-loss handover of its VIPs.")
final class HandoverCommand implements Callable<Integer> {
  /** The controller's own stop bound plus its exit. */
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);

  @Spec
  CommandSpec spec;

  @Option(names = "--pid-file", paramLabel = "FILE", defaultValue = "/run/tandem.pid",
      description = "The pid file of the controller (default: ${DEFAULT-VALUE}).")
  Path pidFile;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Optional<ProcessHandle> controller = controller();
    if (controller.isEmpty()) {
      return ExitCodes.RUNTIME_ERROR;
    }
    Files.writeString(HandoverRequest.requestFile(pidFile), "", StandardCharsets.US_ASCII);
    ProcessHandle process = controller.get();
    if (!process.destroy()) {
      spec.commandLine().getErr().println("tandem: cannot signal process " + process.pid());
      return ExitCodes.RUNTIME_ERROR;
    }
    try {
      process.onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      spec.commandLine().getErr().println("tandem: process " + process.pid() + " has not exited after "
          + EXIT_TIMEOUT.toSeconds() + " s");
      return ExitCodes.RUNTIME_ERROR;
    }
    spec.commandLine().getOut().println("tandem: process " + process.pid() + " handed over and stopped");
    return ExitCodes.OK;
  }

  private Optional<ProcessHandle> controller() throws IOException {
    String text;
    try {
      text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      spec.commandLine().getErr().println("tandem: no pid file " + pidFile + " (is `tandem run --pid-file "
          + pidFile + "` running?)");
      return Optional.empty();
    }
    if (!text.matches("[0-9]{1,10}")) {
      spec.commandLine().getErr().println("tandem: " + pidFile + " does not hold a process id: \"" + text + "\"");
      return Optional.empty();
    }
    Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      spec.commandLine().getErr().println("tandem: process " + text + " from " + pidFile + " is not running");
    }
    return process;
  }
}
