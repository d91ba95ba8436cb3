package dev.tandem.vrrp;

import java.util.Optional;

/** Why a state changed: the facts an auditor needs. */
public sealed interface TransitionReason {
  /** Initialize -> Backup at start-up. */
  record Startup() implements TransitionReason {}

  /** Initialize -> Master: priority 255, this router owns the addresses. */
  record AddressOwner() implements TransitionReason {}

  /**
   * Backup -> Master: the Master_Down_Timer ran out. {@code lastMaster} is the last master heard
   * (priority 0 there means it released Master; a priority below ours means we preempted it).
   */
  record MasterDown(Optional<HeardMaster> lastMaster) implements TransitionReason {}

  /** Master -> Backup: an advert with higher priority, or equal priority from a higher address. */
  record PreemptedBy(HeardMaster sender) implements TransitionReason {}

  /** Any state -> Fault. */
  record FaultRaised(String cause) implements TransitionReason {}

  /** Fault -> Backup. */
  record FaultCleared() implements TransitionReason {}

  /**
   * Releasing Master -> Initialize at the end of a handover: {@code newMaster} is the router whose
   * advert ended it, empty when Master_Down_Interval passed without one.
   */
  record HandedOver(Optional<HeardMaster> newMaster) implements TransitionReason {}

  /** Master or Backup -> Initialize on stop. */
  record Shutdown() implements TransitionReason {}

  /** Backup -> Master or Master -> Backup because another member of the sync group moved there. */
  record SyncForced(String cause) implements TransitionReason {}
}
