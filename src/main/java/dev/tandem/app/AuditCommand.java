package dev.tandem.app;

import dev.tandem.audit.AuditFilter;
import dev.tandem.audit.FlapRule;
import dev.tandem.audit.HtmlReport;
import dev.tandem.audit.InstanceAnalysis;
import dev.tandem.audit.JsonLinesReport;
import dev.tandem.audit.ReportSink;
import dev.tandem.audit.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tandem audit}: per instance, the timeline of one or several nodes' journals merged by time,
 * the failover episodes, crashes, flapping and totals; as text, JSON lines or an HTML page. Reads
 * while the controller runs (the journal's server is on loopback only).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Print the journal(s): every transition with its reason, failover episodes, crashes, flapping, totals.")
public final class AuditCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--journal", paramLabel = "DIR",
      description = "a journal directory; repeat it to merge several nodes' journals [journal]")
  List<Path> journals = new ArrayList<>();

  @Option(names = "--instance", paramLabel = "NAME", description = "only this instance")
  Optional<String> instance = Optional.empty();

  @Option(names = "--node", paramLabel = "NODE", description = "only what this node did (episodes it took part in)")
  Optional<String> node = Optional.empty();

  @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
      description = "from this time: 2026-11-22, 2026-11-22T10:00, 2026-11-22T10:00:00Z or an age (90m, 12h, 7d)")
  Optional<Instant> since = Optional.empty();

  @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class, description = "up to this time")
  Optional<Instant> until = Optional.empty();

  @Option(names = "--flap-transitions", paramLabel = "N", description = "flapping: this many transitions... [3]")
  int flapTransitions = FlapRule.DEFAULT.transitions();

  @Option(names = "--flap-window", paramLabel = "SECONDS", description = "...within this many seconds [60]")
  long flapWindowSeconds = FlapRule.DEFAULT.window().toSeconds();

  @ArgGroup(exclusive = true)
  Format format = new Format();

  /** Text unless one of these is given. */
  static final class Format {
    @Option(names = "--json", description = "JSON lines: one object per line with a \"type\" field, for jq")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "write one self-contained HTML page with SVG timelines")
    Optional<Path> html = Optional.empty();
  }

  @Override
  public Integer call() throws IOException, SQLException {
    List<Path> dirs = journals.isEmpty() ? List.of(Path.of("journal")) : journals;
    FlapRule flapRule = flapRule();
    for (Path dir : dirs) {
      if (!new JournalDatabase(dir).exists()) {
        throw new ParameterException(spec.commandLine(),
            "no journal in " + dir + " (expected " + dir.resolve("tandem.mv.db") + ")");
      }
    }
    if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
      throw new ParameterException(spec.commandLine(), "--until is before --since");
    }
    AuditFilter filter = new AuditFilter(instance, node, since, until);
    Instant end = until.orElse(Instant.now());
    PrintWriter out = format.html.isPresent()
        ? new PrintWriter(Files.newBufferedWriter(format.html.get(), StandardCharsets.UTF_8))
        : spec.commandLine().getOut();
    try (JournalScan scan = JournalScan.open(dirs)) {
      if (instance.isPresent() && !scan.instanceNames().contains(instance.get())) {
        throw new ParameterException(spec.commandLine(), "no instance " + instance.get() + " in the journal(s); "
            + "they hold " + String.join(", ", scan.instanceNames()));
      }
      ReportSink sink = sink(out);
      scan.forEachInstance(filter, (name, entries) -> {
        InstanceAnalysis analysis = new InstanceAnalysis(name, filter, flapRule, sink);
        entries.forEachRemaining(analysis::accept);
        analysis.finish(end);
      });
      sink.finish();
    } catch (JournalUnreadable e) {
      spec.commandLine().getErr().println("tandem audit: " + e.getMessage());
      return ExitCodes.RUNTIME_ERROR;
    } finally {
      if (format.html.isPresent()) {
        out.close();
      } else {
        out.flush();
      }
    }
    format.html.ifPresent(file -> spec.commandLine().getErr().println("tandem audit: wrote " + file));
    return ExitCodes.OK;
  }

  private FlapRule flapRule() {
    try {
      return new FlapRule(flapTransitions, Duration.ofSeconds(flapWindowSeconds));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private ReportSink sink(PrintWriter out) {
    if (format.html.isPresent()) {
      return new HtmlReport(out);
    }
    return format.json ? new JsonLinesReport(out) : new TextReport(out);
  }
}
