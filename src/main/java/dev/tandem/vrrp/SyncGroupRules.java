package dev.tandem.vrrp;

import java.util.Optional;

/**
 * keepalived 2.2.7's vrrp_sync_group (vrrp_sync.c): the members of a group go Master, Backup and
 * Fault together. This is what one member's own transition demands of the others; Fault travels
 * separately, as a fault every other member holds while any member is faulty ({@link SyncGroupFaults}).
 */
public final class SyncGroupRules {
  private SyncGroupRules() {}

  /**
   * Master after a takeover (vrrp_sync_master), Backup after a Master was preempted
   * (vrrp_sync_backup); nothing for a transition the group itself forced (no echo between
   * members), for Fault and its end, or for start and stop.
   */
  public static Optional<VrrpState> demandOfOthers(Transition transition) {
    TransitionReason reason = transition.reason();
    if (reason instanceof TransitionReason.SyncForced) {
      return Optional.empty();
    }
    if (transition.to() == VrrpState.MASTER) {
      return Optional.of(VrrpState.MASTER);
    }
    if (transition.from() == VrrpState.MASTER && transition.to() == VrrpState.BACKUP) {
      return Optional.of(VrrpState.BACKUP);
    }
    return Optional.empty();
  }

  /** The journaled cause of a forced move: {@code sync group G1: VI_2 entered FAULT}. */
  public static String cause(String group, String member, VrrpState entered) {
    return "sync group " + group + ": " + member + " entered " + entered;
  }
}
