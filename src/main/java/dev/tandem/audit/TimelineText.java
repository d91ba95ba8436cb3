package dev.tandem.audit;

import dev.tandem.instance.HealthChanged;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.InstanceStarted;
import dev.tandem.instance.InstanceStopped;
import dev.tandem.instance.SplitBrainChanged;
import dev.tandem.instance.StateChanged;
import dev.tandem.vrrp.VrrpState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** The words of the audit: an event, a time, a duration as an operator reads them. */
public final class TimelineText {
  private static final ZoneId ZONE = ZoneId.systemDefault();

  private TimelineText() {}

  /** Lines of time, node, instance and what happened, for events already in order. */
  public static String line(JournalEntry entry) {
    return time(entry.at()) + "  " + entry.node() + "  " + entry.instance() + "  " + describe(entry);
  }

  /** yyyy-MM-dd HH:mm:ss.SSS in this host's zone; by hand: DateTimeFormatter was a large share of a big audit. */
  public static String time(Instant at) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), ZONE.getRules().getOffset(at));
    StringBuilder out = new StringBuilder(23);
    out.append(t.getYear()).append('-');
    pad(out, t.getMonthValue(), 2).append('-');
    pad(out, t.getDayOfMonth(), 2).append(' ');
    pad(out, t.getHour(), 2).append(':');
    pad(out, t.getMinute(), 2).append(':');
    pad(out, t.getSecond(), 2).append('.');
    return pad(out, t.getNano() / 1_000_000, 3).toString();
  }

  /** {@code value} with leading zeros to {@code width} digits. */
  static StringBuilder pad(StringBuilder out, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
      if (value < limit) {
        out.append('0');
      }
    }
    return out.append(value);
  }

  /**
   * Seconds with milliseconds for gaps, hours-minutes-seconds for long spans. Seconds by hand, as
   * {@code %.3f} printed them (half-up, "-0.000" kept): String.format was a tenth of a large audit.
   */
  public static String duration(Duration d) {
    if (d.compareTo(Duration.ofMinutes(1)) < 0) {
      long nanos = d.toNanos();
      long millis = (Math.abs(nanos) + 500_000) / 1_000_000;
      StringBuilder out = new StringBuilder(12).append(nanos < 0 ? "-" : "").append(millis / 1000).append('.');
      return pad(out, (int) (millis % 1000), 3).append(" s").toString();
    }
    return (d.toDays() > 0 ? d.toDays() + "d " : "")
        + String.format("%02dh %02dm %02ds", d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart());
  }

  public static String describe(JournalEntry entry) {
    if (entry.analysed().isEmpty()) {
      return entry.kind() + (entry.details().isEmpty() ? "" : ": " + entry.details());
    }
    InstanceEvent e = entry.analysed().get();
    if (e instanceof StateChanged c) {
      return c.from() + " -> " + c.to() + " (priority " + c.priority() + "): " + c.cause().detail();
    }
    if (e instanceof InstanceStarted s) {
      String previous = s.recoveredState()
          .map(st -> "previous run left it " + st + (s.previousStopClean() ? " and stopped cleanly"
              : st == VrrpState.MASTER ? " without a stop: it crashed as MASTER" : " without a stop"))
          .orElse("first start");
      return "started (" + previous + ")";
    }
    if (e instanceof HealthChanged h) {
      return "check " + h.check() + (h.healthy() ? " succeeded" : " failed") + " (" + h.detail() + "): priority "
          + h.fromPriority() + " -> " + h.toPriority() + (h.faults().isEmpty() ? "" : ", in fault: " + String.join(", ", h.faults()));
    }
    if (e instanceof SplitBrainChanged split) {
      return (split.yielded() ? "yielded: " : "resumed after a split brain: ") + split.detail()
          + (split.peerMacs().isEmpty() ? "" : " (VIPs claimed by " + split.peerMacs() + ")");
    }
    InstanceStopped stopped = (InstanceStopped) e;
    return "stopped from " + stopped.lastState() + ": " + stopped.cause();
  }
}
