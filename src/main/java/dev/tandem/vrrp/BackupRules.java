package dev.tandem.vrrp;

import dev.tandem.vrrp.Action.ArmTimer;
import dev.tandem.vrrp.Action.CancelTimer;
import dev.tandem.vrrp.Input.AdvertReceived;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** RFC 3768 / 5798 §6.4.2, the Backup state, with keepalived's nopreempt and preempt_delay. */
final class BackupRules {
  private BackupRules() {}

  /**
   * Entering Backup: whatever the previous state must undo ({@code leading}), then the
   * Master_Down_Timer for {@code interval}.
   */
  static Step enter(
      RouterParams params,
      Machine from,
      Duration interval,
      Optional<HeardMaster> lastMaster,
      List<Action> leading,
      TransitionReason reason) {
    return enter(params, from, interval, lastMaster, leading, reason, Duration.ZERO);
  }

  /**
   * A starting router's Backup. Its node has captured the link for {@code listening} already, and
   * what it heard then reaches the router, so the first Master_Down_Timer counts from then; but it
   * is shortened by one Advertisement_Interval at most, so that two of a live master's adverts still
   * fall within it should the one heard before the start reach the router after its timer.
   */
  static Step start(RouterParams params, Machine started, Duration listening) {
    Duration waited = listening.isNegative() ? Duration.ZERO
        : listening.compareTo(params.advertInterval()) < 0 ? listening : params.advertInterval();
    return enter(params, started, params.advertInterval(), Optional.empty(), List.of(), new TransitionReason.Startup(),
        waited);
  }

  private static Step enter(RouterParams params, Machine from, Duration interval, Optional<HeardMaster> lastMaster,
      List<Action> leading, TransitionReason reason, Duration waited) {
    Machine next = new Machine(VrrpState.BACKUP, from.effectivePriority(), interval, lastMaster, from.startedAtNanos(), false);
    List<Action> actions = new ArrayList<>(leading);
    actions.add(new ArmTimer(Timer.MASTER_DOWN, masterDownInterval(params, next).minus(waited)));
    return Steps.move(from, next, actions, reason);
  }

  static List<Action> withdraw() {
    return List.of(new CancelTimer(Timer.MASTER_DOWN));
  }

  static Step onMasterDown(RouterParams params, Machine machine) {
    return MasterRules.enter(params, machine, new TransitionReason.MasterDown(machine.lastMaster()));
  }

  static Step onAdvert(RouterParams params, Machine machine, AdvertReceived advert, long nowNanos) {
    HeardMaster sender = new HeardMaster(advert.sender(), advert.priority(), nowNanos);
    if (advert.priority() == 0) {
      return releasedByMaster(params, machine, sender);
    }
    if (advert.priority() >= machine.effectivePriority() || !mayPreempt(params, machine, nowNanos)) {
      return acceptMaster(params, machine, advert, sender);
    }
    // Lower priority and free to preempt: let the Master_Down_Timer run out. The sender is still
    // recorded so that the takeover can name whom it preempted.
    Machine next = withLastMaster(machine, machine.masterAdverInterval(), sender);
    String note = String.format(
        "received lower priority (%d) advert from %s - discarding",
        advert.priority(), advert.sender().getHostAddress());
    return Steps.stay(next, List.of(), note);
  }

  /** v3 adopts the master's interval (RFC 5798 §6.4.2); v2 rejects a different one before it gets here. */
  static Duration adoptedInterval(RouterParams params, Machine machine, AdvertReceived advert) {
    return params.version() == 3 ? advert.interval() : machine.masterAdverInterval();
  }

  private static Step releasedByMaster(RouterParams params, Machine machine, HeardMaster sender) {
    Machine next = withLastMaster(machine, machine.masterAdverInterval(), sender);
    Duration skew = VrrpTimers.skewTime(params.version(), next.effectivePriority(), next.masterAdverInterval());
    return Steps.stay(next, List.of(new ArmTimer(Timer.MASTER_DOWN, skew)));
  }

  private static Step acceptMaster(RouterParams params, Machine machine, AdvertReceived advert, HeardMaster sender) {
    Machine next = withLastMaster(machine, adoptedInterval(params, machine, advert), sender);
    return Steps.stay(next, List.of(armMasterDown(params, next)));
  }

  /**
   * keepalived's preempt_delay holds preemption back for a while after start. An advert the link
   * heard before the start is handled as of then: no time of the delay has passed for it.
   */
  private static boolean mayPreempt(RouterParams params, Machine machine, long nowNanos) {
    return params.preempt() && Math.max(0, nowNanos - machine.startedAtNanos()) >= params.preemptDelay().toNanos();
  }

  private static ArmTimer armMasterDown(RouterParams params, Machine machine) {
    return new ArmTimer(Timer.MASTER_DOWN, masterDownInterval(params, machine));
  }

  private static Duration masterDownInterval(RouterParams params, Machine machine) {
    return VrrpTimers.masterDownInterval(params.version(), machine.effectivePriority(), machine.masterAdverInterval());
  }

  private static Machine withLastMaster(Machine machine, Duration interval, HeardMaster sender) {
    return new Machine(
        machine.state(), machine.effectivePriority(), interval, Optional.of(sender), machine.startedAtNanos(), false);
  }
}
