package dev.tandem.vrrp;

/**
 * keepalived 2.2.7's rise/fall counter of one tracked check (vrrp_scheduler.c,
 * vrrp_script_child_thread): {@code count} runs from 0 to rise + fall - 1 and the check is healthy
 * from {@code rise} up. It starts at rise - 1 in state UNKNOWN, so the first result decides at once
 * whatever rise and fall are; after that it takes {@code rise} successes in a row to become healthy
 * and {@code fall} failures in a row to fail, and any success refills a healthy check.
 */
public record RiseFall(int rise, int fall, int count, Health health) {
  public RiseFall {
    if (rise < 1 || fall < 1) {
      throw new IllegalArgumentException("rise and fall must be at least 1, got " + rise + " and " + fall);
    }
  }

  public static RiseFall start(int rise, int fall) {
    return new RiseFall(rise, fall, rise - 1, Health.UNKNOWN);
  }

  /** The counter after one more result. */
  public RiseFall after(boolean success) {
    int full = rise + fall - 1;
    if (success) {
      return count < rise - 1 ? with(count + 1, health) : with(full, Health.HEALTHY);
    }
    if (count > rise) {
      return with(count - 1, health);
    }
    // At rise (the last healthy step), below it (already failed) or never reported: failed now.
    return with(0, Health.FAILED);
  }

  private RiseFall with(int newCount, Health newHealth) {
    return new RiseFall(rise, fall, newCount, newHealth);
  }
}
