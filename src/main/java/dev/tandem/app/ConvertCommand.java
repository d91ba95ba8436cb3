package dev.tandem.app;

import dev.tandem.config.ConfigLoader;
import dev.tandem.config.ConfigProblem;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ImportResult;
import dev.tandem.config.KeepalivedImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `tandem convert`: prints a keepalived.conf as tandem HOCON. The result is also validated, as on
 * another machine (interfaces unchecked), so that what is printed is known to load.
 */
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
    ImportResult converted = KeepalivedImporter.convert(file);
    List<ConfigProblem> problems = new ArrayList<>(converted.problems());
    HostFacts elsewhere = new HostFacts(host.hostName(), Set.of(), false);
    problems.addAll(ConfigLoader.loadText(converted.hocon(), file + " (converted)", elsewhere).problems());
    ProblemReport report = new ProblemReport(problems);
    spec.commandLine().getOut().print(converted.hocon());
    report.print(spec.commandLine().getErr());
    return report.exitCode();
  }
}
