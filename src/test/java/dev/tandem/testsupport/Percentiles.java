package dev.tandem.testsupport;

import java.util.Arrays;

/** Percentiles of measured durations, for tests that print what something costs. */
public final class Percentiles {
  private Percentiles() {}

  /** The p-th percentile (0-100) of durations in nanoseconds, in milliseconds. */
  public static double millis(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
  }
}
