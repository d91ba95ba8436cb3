package dev.tandem.instance;

import dev.tandem.vrrp.HeardMaster;
import dev.tandem.vrrp.TransitionReason;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Why a transition happened, in the journal's stable form. {@code kind} is one of startup,
 * address-owner, master-down, preempted-by, fault, fault-cleared, sync-group, handed-over,
 * shutdown; the peer fields name
 * the master last heard (master-down) or the router that preempted this one (preempted-by), and
 * {@code peerLastHeard} dates its last advert on this node's clock, so a failover gap can be
 * computed from one node's journal.
 */
public record Cause(
    String kind,
    String detail,
    Optional<String> peer,
    Optional<Integer> peerPriority,
    Optional<Instant> peerLastHeard) {

  /**
   * {@code ownPriority} is this router's effective priority at the transition; {@code toWallClock}
   * turns the machine's monotonic nanos into wall-clock instants.
   */
  public static Cause of(TransitionReason reason, int ownPriority, LongFunction<Instant> toWallClock) {
    if (reason instanceof TransitionReason.MasterDown down) {
      return down.lastMaster()
          .map(m -> withPeer("master-down", describeMasterDown(m), m, toWallClock))
          .orElseGet(() -> plain("master-down", "no advert heard within Master_Down_Interval"));
    }
    if (reason instanceof TransitionReason.PreemptedBy by) {
      HeardMaster sender = by.sender();
      String detail = "Master received advert from " + sender.address().getHostAddress()
          + (sender.priority() == ownPriority
              ? " with same priority " + ownPriority + " but higher IP address than ours"
              : " with higher priority " + sender.priority() + ", ours " + ownPriority);
      return withPeer("preempted-by", detail, sender, toWallClock);
    }
    if (reason instanceof TransitionReason.FaultRaised fault) {
      return plain("fault", fault.cause());
    }
    if (reason instanceof TransitionReason.SyncForced forced) {
      return plain("sync-group", forced.cause());
    }
    if (reason instanceof TransitionReason.AddressOwner) {
      return plain("address-owner", "priority 255: this router owns the addresses");
    }
    if (reason instanceof TransitionReason.FaultCleared) {
      return plain("fault-cleared", "all tracked checks and interfaces healthy again");
    }
    if (reason instanceof TransitionReason.HandedOver handed) {
      return handed.newMaster()
          .map(m -> withPeer("handed-over", "new master " + m.address().getHostAddress() + " advertised", m, toWallClock))
          .orElseGet(() -> plain("handed-over", "no new master advertised within Master_Down_Interval"));
    }
    if (reason instanceof TransitionReason.Shutdown) {
      return plain("shutdown", "instance stopping");
    }
    return plain("startup", "instance started");
  }

  private static String describeMasterDown(HeardMaster m) {
    String from = m.address().getHostAddress();
    return m.priority() == 0
        ? "master " + from + " released (priority 0 advert)"
        : "no advert from master " + from + " (priority " + m.priority() + ") within Master_Down_Interval";
  }

  private static Cause plain(String kind, String detail) {
    return new Cause(kind, detail, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static Cause withPeer(String kind, String detail, HeardMaster m, LongFunction<Instant> toWallClock) {
    return new Cause(kind, detail, Optional.of(m.address().getHostAddress()), Optional.of(m.priority()),
        Optional.of(toWallClock.apply(m.heardAtNanos())));
  }
}
