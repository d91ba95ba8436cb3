package dev.tandem.vrrp;

import java.time.Duration;

/**
 * The timer formulas of RFC 3768 §6.1 (v2) and RFC 5798 §6.1 (v3). They are computed in whole
 * nanoseconds, so the microsecond values keepalived uses (e.g. 0.609375 s of skew for priority 100)
 * come out exactly, and v3 results are not rounded to centiseconds as FRR does.
 */
public final class VrrpTimers {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int DOWN_ADVERTS = 3;

  private VrrpTimers() {}

  /** v2: (256 − Priority) / 256 s; v3: ((256 − Priority) × Master_Adver_Interval) / 256. */
  public static Duration skewTime(int version, int priority, Duration masterAdverInterval) {
    check(version, priority, masterAdverInterval);
    // v2 skews by a fixed fraction of one second whatever the advert interval is.
    long base = version == 2 ? NANOS_PER_SECOND : masterAdverInterval.toNanos();
    return Duration.ofNanos((256 - priority) * base / 256);
  }

  /** 3 × Master_Adver_Interval + Skew_Time. */
  public static Duration masterDownInterval(int version, int priority, Duration masterAdverInterval) {
    return masterAdverInterval.multipliedBy(DOWN_ADVERTS).plus(skewTime(version, priority, masterAdverInterval));
  }

  private static void check(int version, int priority, Duration interval) {
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("VRRP version must be 2 or 3, not " + version);
    }
    if (priority < 1 || priority > 255) {
      throw new IllegalArgumentException("priority for the timers must be 1..255, not " + priority);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("advert interval must be positive, not " + interval);
    }
  }
}
