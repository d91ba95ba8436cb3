package dev.tandem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * What to run, from system properties: {@code bench.only} (comma-separated figure keys, default
 * all), {@code bench.quick} (2 repetitions and short windows, for a check that everything runs),
 * {@code bench.repetitions}, {@code bench.report} (the Markdown file), {@code tandem.jar} and
 * {@code bench.rt-priority} (both daemons' VRRP real-time priority, keepalived's vrrp_rt_priority;
 * 0, the default, leaves both at normal scheduling as keepalived's default does).
 */
public record BenchSettings(Set<Figure> only, boolean quick, int repetitions, Path report, Path jar, int rtPriority) {
  private static final int REPETITIONS = 4;
  private static final int QUICK_REPETITIONS = 2;

  public static BenchSettings fromSystemProperties() {
    boolean quick = Boolean.getBoolean("bench.quick");
    return new BenchSettings(figures(System.getProperty("bench.only", "")), quick,
        Integer.getInteger("bench.repetitions", quick ? QUICK_REPETITIONS : REPETITIONS),
        Path.of(System.getProperty("bench.report", "target/benchmark.md")),
        Path.of(System.getProperty("tandem.jar", "target/tandem.jar")).toAbsolutePath(),
        Integer.getInteger("bench.rt-priority", 0));
  }

  private static Set<Figure> figures(String only) {
    if (only.isBlank()) {
      return EnumSet.allOf(Figure.class);
    }
    Set<Figure> figures = EnumSet.noneOf(Figure.class);
    for (String key : only.split(",")) {
      figures.add(Figure.byKey(key.strip()).orElseThrow(() -> new IllegalArgumentException(
          "unknown figure \"" + key.strip() + "\" in bench.only; the figures are "
              + Arrays.stream(Figure.values()).map(Figure::key).collect(Collectors.joining(", ")))));
    }
    return figures;
  }

  /** The settings, when they select {@code figure}; the calling test is skipped otherwise. */
  public static BenchSettings selecting(Figure figure) {
    BenchSettings settings = fromSystemProperties();
    Assumptions.assumeTrue(settings.only().contains(figure), "the " + figure.key() + " figure is not selected");
    return settings;
  }

  /** Prints a figure measured outside the failover benchmark and writes it beside the report, as {@code fileName}. */
  public void writeSideReport(String fileName, String report) throws IOException {
    System.out.println(report);
    Path file = report().toAbsolutePath().resolveSibling(fileName);
    Files.createDirectories(file.getParent());
    Files.writeString(file, report);
    System.err.println("bench: report written to " + file);
  }

  boolean selects(Scenario scenario) {
    return scenario.figures().stream().anyMatch(only::contains);
  }

  /** The full window, or the quick one. */
  Duration window(Duration full, Duration quickWindow) {
    return quick ? quickWindow : full;
  }

  String describe() {
    return "figures " + only.stream().map(Figure::key).collect(Collectors.joining(",")) + "; repetitions "
        + repetitions + (quick ? "; quick windows" : "; full windows")
        + (rtPriority == 0 ? "; normal scheduling" : "; VRRP real-time priority " + rtPriority);
  }
}
