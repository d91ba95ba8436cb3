package dev.tandem.app;

import dev.tandem.config.HostFacts;
import dev.tandem.config.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `tandem check`: loads a config (or converts a keepalived.conf first) and reports every problem. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate a configuration; exit 0 when it has no error, 2 otherwise.")
final class CheckCommand implements Callable<Integer> {
  private final HostProbe host;

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the configuration file")
  Path file;

  @Option(names = "--strict", description = "an interface missing on this host is an error, not a warning")
  boolean strict;

  @Option(names = "--keepalived", description = "FILE is a keepalived.conf: convert it, then check the result")
  boolean keepalived;

  CheckCommand(HostProbe host) {
    this.host = host;
  }

  @Override
  public Integer call() {
    HostFacts facts = new HostFacts(host.hostName(), host.interfaceNames(), strict);
    ConfigInput input = ConfigInput.read(file, keepalived, facts);
    LoadResult result = input.loaded();
    ProblemReport report = new ProblemReport(input.problems());
    PrintWriter err = spec.commandLine().getErr();
    report.print(err);
    if (report.exitCode() == 0 && result.config().isPresent()) {
      spec.commandLine().getOut().println(file + ": OK (" + result.config().get().instances().size() + " instances, "
          + report.warnings() + " warnings)");
      return 0;
    }
    err.println(file + ": " + report.errors() + " errors, " + report.warnings() + " warnings");
    return 2;
  }
}
