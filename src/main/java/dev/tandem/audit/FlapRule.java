package dev.tandem.audit;

import java.time.Duration;

/** Flapping is {@code transitions} or more transitions of one node within {@code window}. */
public record FlapRule(int transitions, Duration window) {
  public static final FlapRule DEFAULT = new FlapRule(3, Duration.ofSeconds(60));

  public FlapRule {
    if (transitions < 2 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("flapping needs at least 2 transitions in a positive window");
    }
  }
}
