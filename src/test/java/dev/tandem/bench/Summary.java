package dev.tandem.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The median and the worst of a metric's values for one daemon. The worst is the value farthest
 * from the reference where there is one (a takeover early is as wrong as one late), else the largest.
 */
record Summary(double median, double worst, int count) {

  static Optional<Summary> of(List<Double> values, OptionalDouble reference) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    double center = reference.orElse(Double.NEGATIVE_INFINITY);
    double worst = reference.isPresent()
        ? sorted.stream().max(Comparator.comparingDouble(v -> Math.abs(v - center))).orElseThrow()
        : sorted.get(sorted.size() - 1);
    return Optional.of(new Summary(median, worst, sorted.size()));
  }

  /** Whether the worst value meets the metric's goal, if it has one. */
  Optional<Boolean> meets(Metric metric) {
    if (metric.goal().isEmpty()) {
      return Optional.empty();
    }
    double distance = metric.reference().isPresent() ? Math.abs(worst - metric.reference().getAsDouble()) : worst;
    return Optional.of(distance <= metric.goal().getAsDouble());
  }
}
