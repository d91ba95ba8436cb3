package dev.tandem.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The results as Markdown: the machine, one table with a row per metric and two columns (median,
 * worst) per daemon, then how it was measured, the notes and the failures.
 */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(Machine machine, BenchSettings settings, List<Daemon> daemons, Results results, Duration took) {
    StringBuilder out = new StringBuilder("# Failover benchmark: tandem and keepalived\n\n");
    out.append(machine.markdown()).append("Run: ").append(settings.describe()).append("; took ")
        .append(took.toSeconds()).append(" s\n\n");
    out.append(header(daemons));
    Figure figure = null;
    for (Metric metric : Metric.values()) {
      if (!results.has(metric)) {
        continue;
      }
      out.append(row(metric, metric.figure() == figure ? "" : metric.figure().title(), daemons, results));
      figure = metric.figure();
    }
    out.append(METHOD);
    appendList(out, "Notes", results.notes());
    appendList(out, "Failures", results.failures());
    return out.toString();
  }

  private static String header(List<Daemon> daemons) {
    List<String> columns = new ArrayList<>(List.of("Figure", "Measure", "Reference", "Goal"));
    daemons.forEach(d -> columns.addAll(List.of(d.name() + " median", d.name() + " worst")));
    columns.addAll(List.of("n (" + daemons.stream().map(Daemon::name).collect(Collectors.joining(" / ")) + ")",
        "goal met"));
    return line(columns) + line(columns.stream().map(c -> "---").toList());
  }

  private static String row(Metric metric, String figureTitle, List<Daemon> daemons, Results results) {
    Unit unit = metric.unit();
    List<String> cells = new ArrayList<>(List.of(figureTitle, metric.measure() + " (" + unit.symbol() + ")",
        metric.reference().isPresent() ? unit.format(metric.reference().getAsDouble()) : "", goal(metric)));
    List<String> counts = new ArrayList<>();
    List<String> verdicts = new ArrayList<>();
    for (Daemon daemon : daemons) {
      Optional<Summary> summary = results.summary(metric, daemon);
      cells.add(summary.map(s -> value(metric, s.median())).orElse("—"));
      cells.add(summary.map(s -> value(metric, s.worst())).orElse("—"));
      counts.add(summary.map(s -> Integer.toString(s.count())).orElse("0"));
      summary.flatMap(s -> s.meets(metric)).ifPresent(met -> verdicts.add(daemon.name() + (met ? " yes" : " NO")));
    }
    cells.add(String.join(" / ", counts));
    cells.add(String.join(", ", verdicts));
    return line(cells);
  }

  private static String goal(Metric metric) {
    if (metric.goal().isEmpty()) {
      return "";
    }
    String bound = metric.unit().format(metric.goal().getAsDouble());
    return metric.reference().isPresent() ? "± " + bound : "≤ " + bound;
  }

  /** A value, and with a reference its distance from it: "3610.123 (+0.748)". */
  private static String value(Metric metric, double value) {
    Unit unit = metric.unit();
    return metric.reference().isPresent()
        ? unit.format(value) + " (" + unit.formatSigned(value - metric.reference().getAsDouble()) + ")"
        : unit.format(value);
  }

  private static String line(List<String> cells) {
    return "| " + cells.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ")) + " |\n";
  }

  private static void appendList(StringBuilder out, String title, List<String> items) {
    if (!items.isEmpty()) {
      out.append("\n").append(title).append(":\n\n");
      items.forEach(item -> out.append("- ").append(item.replace("\n", "\n  ")).append('\n'));
    }
  }

  private static final String METHOD = """

      How: each daemon runs in network namespaces joined by a bridge (documentation addresses only);
      tcpdump captures on the bridge and every wire time is a pcap timestamp. Median and worst of n
      values; with a reference, the worst is the value farthest from it and each value shows its
      distance in brackets. Master priority 150, backup 100; the master is lb1 (192.0.2.11), the
      backup lb2 (192.0.2.12). Process start is the benchmark's clock just before it spawns
      `ip netns exec … <daemon>`; process gone is the moment the JVM reaps the process (after
      keepalived's VRRP child is gone: the parent exits last). Log times are tandem's own millisecond
      stamps (keepalived's console log stamps whole seconds, so its log rows stay empty).
      Resources: "VRRP process" is tandem's JVM and keepalived's VRRP child; "all its processes" adds
      keepalived's parent and tandem's long-running `ip monitor` child (its interface monitor); a child
      alive at only one of the two reads is left out of CPU. CPU is utime+stime growth over the window from
      /proc/PID/stat, memory VmRSS from /proc/PID/status at its end; the window starts 6 s after
      every VRID is mastered, past the repeated gratuitous ARPs.
      """;
}
