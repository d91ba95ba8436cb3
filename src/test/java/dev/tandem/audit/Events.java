package dev.tandem.audit;

import dev.tandem.instance.Cause;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.InstanceStarted;
import dev.tandem.instance.InstanceStopped;
import dev.tandem.instance.StateChanged;
import dev.tandem.vrrp.VrrpState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Hand-built journal events of instance VI_1, at seconds after a fixed instant, on any node's clock. */
final class Events {
  static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  static final String VI = "VI_1";
  private static final List<String> VIPS = List.of("192.0.2.100/24");

  private Events() {}

  static Instant at(double seconds) {
    return T0.plus(Duration.ofNanos(Math.round(seconds * 1e9)));
  }

  static StateChanged changed(String node, double seconds, VrrpState from, VrrpState to, Cause cause, int priority) {
    return new StateChanged(InstanceEvent.SCHEMA_VERSION, at(seconds), node, VI, from, to, cause, priority, VIPS);
  }

  static InstanceStarted started(String node, double seconds, Optional<VrrpState> recovered, boolean clean) {
    return new InstanceStarted(InstanceEvent.SCHEMA_VERSION, at(seconds), node, VI, recovered, clean, 100, VIPS);
  }

  static InstanceStopped stopped(String node, double seconds, VrrpState last) {
    return new InstanceStopped(InstanceEvent.SCHEMA_VERSION, at(seconds), node, VI, last, "operator stop");
  }

  static Cause plain(String kind) {
    return new Cause(kind, kind + " detail", Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** No advert within Master_Down_Interval from {@code peer}, last heard at {@code heardSeconds} (taker's clock). */
  static Cause masterDown(String peer, int peerPriority, double heardSeconds) {
    return new Cause("master-down", "master " + peer + " gone", Optional.of(peer), Optional.of(peerPriority),
        Optional.of(at(heardSeconds)));
  }

  static Cause preemptedBy(String peer, int peerPriority, double heardSeconds) {
    return new Cause("preempted-by", "higher priority " + peerPriority, Optional.of(peer), Optional.of(peerPriority),
        Optional.of(at(heardSeconds)));
  }
}
