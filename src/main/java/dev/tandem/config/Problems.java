package dev.tandem.config;

import java.util.ArrayList;
import java.util.List;

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

  List<ConfigProblem> list() {
    return List.copyOf(found);
  }
}
