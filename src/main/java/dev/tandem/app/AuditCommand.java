package dev.tandem.app;

import dev.tandem.audit.AuditFilter;
import dev.tandem.audit.FlapRule;
import dev.tandem.audit.HtmlReport;
import dev.tandem.audit.InstanceAnalysis;
import dev.tandem.audit.JournalEntry;
import dev.tandem.audit.JsonLinesReport;
import dev.tandem.audit.ReportSink;
import dev.tandem.audit.TextReport;
import dev.tandem.config.FleetConfig;
import dev.tandem.fleet.FleetReader;
import dev.tandem.instance.InstanceEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tandem audit}: per instance, the timeline of one or several nodes' journals merged by time
 * (or of the fleet journal in PostgreSQL),
 * the failover episodes, crashes, flapping and totals; as text, JSON lines or an HTML page. Reads
 * while the controller runs (the journal's server is on loopback only).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Print the journal(s): every transition with its reason, failover episodes, crashes, flapping, totals.")
public final class AuditCommand implements Callable<Integer> {
  private static final int OUT_BUFFER_CHARS = 1 << 16;

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

  @Option(names = "--fleet", paramLabel = "URL",
      description = "read the fleet journal instead, e.g. jdbc:postgresql://127.0.0.1:5432/tandem")
  Optional<String> fleetUrl = Optional.empty();

  @Option(names = "--fleet-user", paramLabel = "USER", description = "the fleet database's user [tandem]")
  String fleetUser = "tandem";

  @Option(names = "--fleet-password-file", paramLabel = "FILE", description = "a file holding the user's password")
  Optional<Path> fleetPasswordFile = Optional.empty();

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
    if (fleetUrl.isEmpty()) {
      for (Path dir : dirs) {
        if (!new JournalDatabase(dir).exists()) {
          throw new ParameterException(spec.commandLine(),
              "no journal in " + dir + " (expected " + dir.resolve("tandem.mv.db") + ")");
        }
      }
    }
    if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
      throw new ParameterException(spec.commandLine(), "--until is before --since");
    }
    AuditFilter filter = new AuditFilter(instance, node, since, until);
    Instant end = until.orElse(Instant.now());
    // Not picocli's writer itself: it flushes at every println, a write(2) per line of the
    // episodes (240,000 of them for 1,000,000 events).
    PrintWriter out = new PrintWriter(format.html.isPresent()
        ? Files.newBufferedWriter(format.html.get(), StandardCharsets.UTF_8)
        : new BufferedWriter(spec.commandLine().getOut(), OUT_BUFFER_CHARS));
    try {
      ReportSink sink = sink(out);
      BiConsumer<String, Iterator<JournalEntry>> analyse = (name, entries) -> {
        InstanceAnalysis analysis = new InstanceAnalysis(name, filter, flapRule, sink);
        entries.forEachRemaining(analysis::accept);
        analysis.finish(end);
      };
      if (fleetUrl.isPresent()) {
        fleetEntries(fleetUrl.get(), filter).forEach((name, entries) -> analyse.accept(name, entries.iterator()));
      } else {
        try (JournalScan scan = JournalScan.open(dirs)) {
          if (instance.isPresent() && !scan.instanceNames().contains(instance.get())) {
            throw new ParameterException(spec.commandLine(), "no instance " + instance.get() + " in the journal(s); "
                + "they hold " + String.join(", ", scan.instanceNames()));
          }
          scan.forEachInstance(filter, analyse);
        }
      }
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

  /** The fleet journal's events, per instance in time order, as the local scan hands them over. */
  private Map<String, List<JournalEntry>> fleetEntries(String url, AuditFilter filter) {
    List<InstanceEvent> events;
    try {
      events = FleetReader.readAll(new FleetConfig(url, fleetUser, Optional.empty(), fleetPasswordFile, Duration.ZERO, 0));
    } catch (Exception e) {
      throw new JournalUnreadable("cannot read the fleet journal at " + url + ": " + e.getMessage());
    }
    return events.stream()
        .filter(e -> filter.instance().map(e.instance()::equals).orElse(true))
        .sorted(Comparator.comparing(InstanceEvent::at))
        .collect(Collectors.groupingBy(InstanceEvent::instance, TreeMap::new,
            Collectors.mapping(JournalEntry::of, Collectors.toList())));
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
