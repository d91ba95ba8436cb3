package dev.tandem.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to run, from system properties: {@code bench.only} (comma-separated figure keys, default
 * all), {@code bench.quick} (2 repetitions and short windows, for a check that everything runs),
 * {@code bench.repetitions}, {@code bench.report} (the Markdown file) and {@code tandem.jar}.
 */
public record BenchSettings(Set<Figure> only, boolean quick, int repetitions, Path report, Path jar) {
  private static final int REPETITIONS = 4;
  private static final int QUICK_REPETITIONS = 2;

  public static BenchSettings fromSystemProperties() {
    boolean quick = Boolean.getBoolean("bench.quick");
    return new BenchSettings(figures(System.getProperty("bench.only", "")), quick,
        Integer.getInteger("bench.repetitions", quick ? QUICK_REPETITIONS : REPETITIONS),
        Path.of(System.getProperty("bench.report", "target/benchmark.md")),
        Path.of(System.getProperty("tandem.jar", "target/tandem.jar")).toAbsolutePath());
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

  boolean selects(Scenario scenario) {
    return scenario.figures().stream().anyMatch(only::contains);
  }

  /** The full window, or the quick one. */
  Duration window(Duration full, Duration quickWindow) {
    return quick ? quickWindow : full;
  }

  String describe() {
    return "figures " + only.stream().map(Figure::key).collect(Collectors.joining(",")) + "; repetitions "
        + repetitions + (quick ? "; quick windows" : "; full windows");
  }
}
