package dev.tandem.vrrp;

/**
 * One thing an instance tracks (a check today, an interface later) with its weight and its
 * rise/fall counter. keepalived's rules: weight 0 puts the instance in Fault while the source has
 * failed; a positive weight is added while it is healthy; a negative weight is added (subtracted)
 * while it has failed. A source not heard from yet moves nothing.
 */
public record TrackedSource(String name, int weight, RiseFall counter) {
  public Health health() {
    return counter.health();
  }

  /** What this source adds to the configured priority now. */
  public int priorityDelta() {
    if (weight > 0 && health() == Health.HEALTHY) {
      return weight;
    }
    if (weight < 0 && health() == Health.FAILED) {
      return weight;
    }
    return 0;
  }

  /** Whether this source alone keeps the instance in Fault. */
  public boolean faulty() {
    return weight == 0 && health() == Health.FAILED;
  }

  TrackedSource after(boolean success) {
    return new TrackedSource(name, weight, counter.after(success));
  }
}
