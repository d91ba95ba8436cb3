package dev.tandem.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every value measured, by metric and daemon, and the notes and failures of the run. */
final class Results {
  private final Map<Metric, Map<String, List<Double>>> values = new EnumMap<>(Metric.class);
  private final List<String> notes = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  void add(Metric metric, Daemon daemon, double value) {
    values.computeIfAbsent(metric, m -> new LinkedHashMap<>()).computeIfAbsent(daemon.name(), d -> new ArrayList<>())
        .add(value);
  }

  void addAll(Metric metric, Daemon daemon, List<Double> measured) {
    measured.forEach(value -> add(metric, daemon, value));
  }

  boolean has(Metric metric) {
    return values.containsKey(metric);
  }

  Optional<Summary> summary(Metric metric, Daemon daemon) {
    List<Double> measured = values.getOrDefault(metric, Map.of()).getOrDefault(daemon.name(), List.of());
    return Summary.of(measured, metric.reference());
  }

  /** Something the reader needs to interpret a figure (a daemon's own report, a caveat). */
  void note(String note) {
    notes.add(note);
  }

  /** A scenario that could not be measured: the report says why and the run fails. */
  void fail(String failure) {
    failures.add(failure);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }
}
