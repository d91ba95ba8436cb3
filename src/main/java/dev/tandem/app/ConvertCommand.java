package dev.tandem.app;

import dev.tandem.config.HostFacts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `tandem convert`: prints a keepalived.conf as tandem HOCON, validated so that what is printed is known to load. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert a keepalived.conf to tandem HOCON on stdout; problems on stderr; exit 2 on errors.")
final class ConvertCommand implements Callable<Integer> {
  private final HostProbe host;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the keepalived.conf")
  Path file;

  ConvertCommand(HostProbe host) {
    this.host = host;
  }

  @Override
  public Integer call() {
    // Interfaces are not checked: a conversion is usually made on another machine than the one it is for.
    ConvertedKeepalived converted = ConvertedKeepalived.of(file, new HostFacts(host.hostName(), Set.of(), false));
    ProblemReport report = new ProblemReport(converted.problems());
    PrintWriter out = spec.commandLine().getOut();
    out.print(converted.hocon());
    out.flush();
    report.print(spec.commandLine().getErr());
    return report.exitCode();
  }
}
