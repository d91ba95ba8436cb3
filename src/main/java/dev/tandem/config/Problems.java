package dev.tandem.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Collects every problem found while loading or importing, so that all are reported at once. */
final class Problems {
  private final List<ConfigProblem> found = new ArrayList<>();

  void error(Origin origin, String key, String message) {
    found.add(new ConfigProblem(ConfigProblem.Severity.ERROR, origin, key, message));
  }

  void warning(Origin origin, String key, String message) {
    found.add(new ConfigProblem(ConfigProblem.Severity.WARNING, origin, key, message));
  }

  boolean hasErrors() {
    return found.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
  }

  /** In reading order: by file (as first met), then line; problems of one line keep their order. */
  List<ConfigProblem> list() {
    List<String> files = found.stream().map(p -> p.origin().file()).distinct().collect(Collectors.toList());
    return found.stream()
        .sorted(Comparator.comparingInt((ConfigProblem p) -> files.indexOf(p.origin().file()))
            .thenComparingInt(p -> p.origin().line()))
        .collect(Collectors.toUnmodifiableList());
  }
}
