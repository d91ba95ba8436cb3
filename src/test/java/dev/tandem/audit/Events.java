package dev.tandem.audit;

import static dev.tandem.vrrp.VrrpState.BACKUP;
import static dev.tandem.vrrp.VrrpState.INITIALIZE;
import static dev.tandem.vrrp.VrrpState.MASTER;

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
public final class Events {
  public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  public static final String VI = "VI_1";
  public static final String LB1_IP = "192.0.2.11";
  public static final String LB2_IP = "192.0.2.12";
  private static final List<String> VIPS = List.of("192.0.2.100/24");

  private Events() {}

  public static Instant at(double seconds) {
    return T0.plus(Duration.ofNanos(Math.round(seconds * 1e9)));
  }

  public static StateChanged changed(String node, double seconds, VrrpState from, VrrpState to, Cause cause, int priority) {
    return changedIn(VI, node, seconds, from, to, cause, priority);
  }

  public static StateChanged changedIn(String instance, String node, double seconds, VrrpState from, VrrpState to,
      Cause cause, int priority) {
    return new StateChanged(InstanceEvent.SCHEMA_VERSION, at(seconds), node, instance, from, to, cause, priority, VIPS);
  }

  public static InstanceStarted started(String node, double seconds, Optional<VrrpState> recovered, boolean clean) {
    return new InstanceStarted(InstanceEvent.SCHEMA_VERSION, at(seconds), node, VI, recovered, clean, 100, VIPS);
  }

  public static InstanceStopped stopped(String node, double seconds, VrrpState last) {
    return new InstanceStopped(InstanceEvent.SCHEMA_VERSION, at(seconds), node, VI, last, "operator stop");
  }

  public static Cause plain(String kind) {
    return new Cause(kind, kind + " detail", Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** No advert within Master_Down_Interval from {@code peer}, last heard at {@code heardSeconds} (taker's clock). */
  public static Cause masterDown(String peer, int peerPriority, double heardSeconds) {
    return new Cause("master-down", "master " + peer + " gone", Optional.of(peer), Optional.of(peerPriority),
        Optional.of(at(heardSeconds)));
  }

  public static Cause preemptedBy(String peer, int peerPriority, double heardSeconds) {
    return new Cause("preempted-by", "higher priority " + peerPriority, Optional.of(peer), Optional.of(peerPriority),
        Optional.of(at(heardSeconds)));
  }

  /** lb1 (priority 150) starts and wins the first election, then stops at 100 s; lb2 (priority 100) takes over on its priority-0 advert. */
  public static List<InstanceEvent> gracefulStop(double lb1Skew) {
    return List.of(
        started("lb1", lb1Skew, Optional.empty(), false),
        changed("lb1", lb1Skew, INITIALIZE, BACKUP, plain("startup"), 150),
        changed("lb1", 3.6 + lb1Skew, BACKUP, MASTER, plain("master-down"), 150),
        changed("lb1", 100 + lb1Skew, MASTER, INITIALIZE, plain("shutdown"), 150),
        stopped("lb1", 100 + lb1Skew, MASTER),
        started("lb2", 1, Optional.empty(), false),
        changed("lb2", 1, INITIALIZE, BACKUP, plain("startup"), 100),
        changed("lb2", 100.7, BACKUP, MASTER, masterDown(LB1_IP, 0, 100.1), 100));
  }

  /** lb1 is Master and is killed at about 50 s; lb2 takes over; lb1 restarts at 120 s and preempts lb2. */
  public static List<InstanceEvent> crashAndPreemption() {
    return List.of(
        started("lb1", 0, Optional.empty(), false),
        changed("lb1", 0, INITIALIZE, BACKUP, plain("startup"), 150),
        changed("lb1", 3.6, BACKUP, MASTER, plain("master-down"), 150),
        started("lb2", 1, Optional.empty(), false),
        changed("lb2", 1, INITIALIZE, BACKUP, plain("startup"), 100),
        changed("lb2", 53.4, BACKUP, MASTER, masterDown(LB1_IP, 150, 50.0), 100),
        started("lb1", 120, Optional.of(MASTER), false),
        changed("lb1", 120, INITIALIZE, BACKUP, plain("startup"), 150),
        changed("lb1", 123.6, BACKUP, MASTER, masterDown(LB2_IP, 100, 123.0), 150),
        changed("lb2", 123.7, MASTER, BACKUP, preemptedBy(LB1_IP, 150, 123.65), 100));
  }

}
