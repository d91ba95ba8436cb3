package dev.tandem.audit;

import dev.tandem.instance.HealthChanged;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.InstanceStarted;
import dev.tandem.instance.InstanceStopped;
import dev.tandem.instance.SplitBrainChanged;
import dev.tandem.instance.StateChanged;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The journal as lines an operator reads: time, node, instance, what happened and why. */
public final class TimelineText {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private TimelineText() {}

  public static String render(List<InstanceEvent> events) {
    StringBuilder out = new StringBuilder();
    for (InstanceEvent e : events) {
      out.append(TIME.format(e.at())).append("  ").append(e.node()).append("  ").append(e.instance()).append("  ")
          .append(describe(e)).append('\n');
    }
    return out.toString();
  }

  static String describe(InstanceEvent e) {
    if (e instanceof StateChanged c) {
      return c.from() + " -> " + c.to() + " (priority " + c.priority() + "): " + c.cause().detail();
    }
    if (e instanceof InstanceStarted s) {
      String previous = s.recoveredState()
          .map(st -> "previous run left it " + st + (s.previousStopClean() ? " and stopped cleanly"
              : st.name().equals("MASTER") ? " without a stop: it crashed as MASTER" : " without a stop"))
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
