package dev.tandem.vrrp;

import dev.tandem.vrrp.Input.AdvertReceived;
import dev.tandem.vrrp.Input.FaultChanged;
import dev.tandem.vrrp.Input.Handover;
import dev.tandem.vrrp.Input.PriorityChanged;
import dev.tandem.vrrp.Input.Shutdown;
import dev.tandem.vrrp.Input.Startup;
import dev.tandem.vrrp.Input.SyncDemanded;
import dev.tandem.vrrp.Input.TimerExpired;
import java.util.List;
import java.util.Optional;

/**
 * The VRRP state machine of RFC 3768 / RFC 5798 §6.4 plus keepalived's Fault state, as a pure
 * function: (parameters, machine, input, now) gives the next machine and the actions to run.
 * Inputs that do not apply in the current state are ignored. Backup and Master rules live in
 * {@link BackupRules} and {@link MasterRules}; the life-cycle inputs that apply to every state
 * (start, stop, fault, priority) are here.
 */
public final class StateMachine {
  private static final int OWNER_PRIORITY = 255;

  private StateMachine() {}

  public static Step step(RouterParams params, Machine machine, Input input, long nowNanos) {
    if (input instanceof Startup startup) {
      return onStartup(params, machine, startup, nowNanos);
    }
    if (input instanceof AdvertReceived advert) {
      return onAdvert(params, machine, advert, nowNanos);
    }
    if (input instanceof TimerExpired expired) {
      return onTimer(params, machine, expired.timer());
    }
    if (input instanceof Shutdown) {
      return withdrawTo(VrrpState.INITIALIZE, machine, new TransitionReason.Shutdown());
    }
    if (input instanceof Handover handover) {
      return onHandover(params, machine, handover, nowNanos);
    }
    if (input instanceof FaultChanged fault) {
      // keepalived's Fault: a failed interface or script takes the router out of the election.
      return fault.faulty()
          ? withdrawTo(VrrpState.FAULT, machine, new TransitionReason.FaultRaised(fault.cause()))
          : onFaultCleared(params, machine);
    }
    if (input instanceof PriorityChanged change) {
      return onPriorityChanged(params, machine, change.effectivePriority());
    }
    if (input instanceof SyncDemanded demand) {
      return onSyncDemanded(params, machine, demand);
    }
    throw new IllegalArgumentException("unknown input " + input);
  }

  /** §6.4.1: the address owner becomes Master at once, every other router waits in Backup. */
  private static Step onStartup(RouterParams params, Machine machine, Startup startup, long nowNanos) {
    if (machine.state() != VrrpState.INITIALIZE) {
      return Steps.ignore(machine);
    }
    // The preempt delay counts from the latest start, not from when the record was first built.
    Machine started = new Machine(
        VrrpState.INITIALIZE, machine.effectivePriority(), params.advertInterval(), Optional.empty(), nowNanos, false);
    if (params.priority() == OWNER_PRIORITY) {
      return MasterRules.enter(params, started, new TransitionReason.AddressOwner());
    }
    return BackupRules.start(params, started, startup.listening());
  }

  private static Step onAdvert(RouterParams params, Machine machine, AdvertReceived advert, long nowNanos) {
    switch (machine.state()) {
      case BACKUP:
        return BackupRules.onAdvert(params, machine, advert, nowNanos);
      case MASTER:
        // While releasing, any advert is the new master's (whatever its priority): let go.
        return machine.releasing()
            ? leave(VrrpState.INITIALIZE, machine, new TransitionReason.HandedOver(
                Optional.of(new HeardMaster(advert.sender(), advert.priority(), nowNanos))),
                MasterRules.releaseToNewMaster())
            : MasterRules.onAdvert(params, machine, advert, nowNanos);
      default:
        return Steps.ignore(machine);
    }
  }

  private static Step onTimer(RouterParams params, Machine machine, Timer timer) {
    if (machine.state() == VrrpState.BACKUP && timer == Timer.MASTER_DOWN) {
      return BackupRules.onMasterDown(params, machine);
    }
    if (machine.releasing()) {
      // A stale Adver_Timer must not advertise our priority again and undo the priority 0.
      return timer == Timer.MASTER_DOWN
          ? withdrawTo(VrrpState.INITIALIZE, machine, new TransitionReason.HandedOver(Optional.empty()))
          : Steps.ignore(machine);
    }
    if (machine.state() == VrrpState.MASTER && timer == Timer.ADVER) {
      return MasterRules.onAdverTimer(params, machine);
    }
    return Steps.ignore(machine);
  }

  /**
   * Only a Master that has heard another router waits for it: with nobody heard there may be no
   * backup at all, and holding the VIPs would only delay the stop (keepalived releases at once).
   */
  private static Step onHandover(RouterParams params, Machine machine, Handover handover, long nowNanos) {
    if (machine.releasing()) {
      return Steps.ignore(machine);
    }
    if (machine.state() == VrrpState.MASTER && handover.peerHeard()) {
      return MasterRules.startRelease(params, machine);
    }
    return step(params, machine, new Shutdown(), nowNanos);
  }

  /** Leaving the election, for Initialize on stop or for Fault: undo what the current state holds. */
  private static Step withdrawTo(VrrpState target, Machine machine, TransitionReason reason) {
    return leave(target, machine, reason, withdraw(machine));
  }

  private static Step leave(VrrpState target, Machine machine, TransitionReason reason, List<Action> undo) {
    if (machine.state() == target) {
      return Steps.ignore(machine);
    }
    Machine next = new Machine(
        target, machine.effectivePriority(), machine.masterAdverInterval(), machine.lastMaster(),
        machine.startedAtNanos(), false);
    return Steps.move(machine, next, undo, reason);
  }

  /** Back to Backup with the configured interval, as keepalived does; the RFC decides from there. */
  private static Step onFaultCleared(RouterParams params, Machine machine) {
    if (machine.state() != VrrpState.FAULT) {
      return Steps.ignore(machine);
    }
    return BackupRules.enter(
        params, machine, params.advertInterval(), machine.lastMaster(), List.of(), new TransitionReason.FaultCleared());
  }

  /**
   * A tracked script or interface moved the priority. Master's next adverts carry it; a Backup that
   * now outranks the master takes over when it discards the master's adverts and its timer runs out.
   */
  private static Step onPriorityChanged(RouterParams params, Machine machine, int requested) {
    int priority = clampedPriority(params, requested);
    if (priority == machine.effectivePriority()) {
      return Steps.ignore(machine);
    }
    Machine next = new Machine(
        machine.state(), priority, machine.masterAdverInterval(), machine.lastMaster(), machine.startedAtNanos(),
        machine.releasing());
    return Steps.stay(
        next, List.of(), "Changing effective priority from " + machine.effectivePriority() + " to " + priority);
  }

  /**
   * keepalived's vrrp_sync_master / vrrp_sync_backup: a Backup member is taken to Master with the
   * others, a Master member steps down to Backup without a priority-0 advert (leave_master with
   * no advert, as keepalived). Members in Fault or Initialize stay where they are.
   */
  private static Step onSyncDemanded(RouterParams params, Machine machine, SyncDemanded demand) {
    TransitionReason reason = new TransitionReason.SyncForced(demand.cause());
    if (demand.target() == VrrpState.MASTER && machine.state() == VrrpState.BACKUP) {
      return MasterRules.enter(params, machine, reason);
    }
    if (demand.target() == VrrpState.BACKUP && machine.state() == VrrpState.MASTER) {
      return BackupRules.enter(params, machine, machine.masterAdverInterval(), machine.lastMaster(),
          MasterRules.stepDownQuietly(), reason);
    }
    return Steps.ignore(machine);
  }

  /** keepalived never moves the owner's priority, and keeps everyone else a plain backup (1..254). */
  private static int clampedPriority(RouterParams params, int requested) {
    return Tracking.effectivePriority(params.priority(), requested);
  }

  /** What leaving an active state undoes, shared by Shutdown, Fault and the end of a handover. */
  private static List<Action> withdraw(Machine machine) {
    switch (machine.state()) {
      case MASTER:
        return machine.releasing() ? MasterRules.release() : MasterRules.withdraw();
      case BACKUP:
        return BackupRules.withdraw();
      default:
        return List.of();
    }
  }
}
