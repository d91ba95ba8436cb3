package dev.tandem.vrrp;

import dev.tandem.vrrp.Action.ArmTimer;
import dev.tandem.vrrp.Action.CancelTimer;
import dev.tandem.vrrp.Action.ReleaseAddresses;
import dev.tandem.vrrp.Action.SendAdvert;
import dev.tandem.vrrp.Action.TakeAddresses;
import dev.tandem.vrrp.Input.AdvertReceived;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** RFC 3768 / 5798 §6.4.3, the Master state, with keepalived's answer to lower-priority adverts. */
final class MasterRules {
  /**
   * How long a handing-over Master keeps the addresses after the new master's first advert. The new
   * master sends its gratuitous ARP right after that advert (0.1-0.3 ms in the lab); removed
   * before the ARP lands, the address is owned by nobody the clients can reach, and a connection
   * attempt then is dropped. Both routers hold it meanwhile, which is harmless: clients' ARP
   * entries move on the gratuitous ARP, and a unicast probe of the entry goes to the new master only.
   */
  static final Duration HANDOVER_OVERLAP = Duration.ofMillis(50);

  private MasterRules() {}

  /** Entering Master: advert first (so the old master lets go before our ARPs), addresses, Adver_Timer. */
  static Step enter(RouterParams params, Machine from, TransitionReason reason) {
    Machine next = new Machine(
        VrrpState.MASTER, from.effectivePriority(), params.advertInterval(), Optional.empty(), from.startedAtNanos(), false);
    List<Action> actions = List.of(
        new SendAdvert(next.effectivePriority()),
        new TakeAddresses(),
        new ArmTimer(Timer.ADVER, params.advertInterval()));
    return Steps.move(from, next, actions, reason);
  }

  /** Leaving Master for Fault or Initialize: a priority-0 advert lets a backup take over after Skew_Time. */
  static List<Action> withdraw() {
    return List.of(new CancelTimer(Timer.ADVER), new SendAdvert(0), ReleaseAddresses.now());
  }

  /** Leaving Master for Backup: nothing on the wire, the addresses go and the Adver_Timer stops. */
  static List<Action> stepDownQuietly() {
    return List.of(new CancelTimer(Timer.ADVER), ReleaseAddresses.now());
  }

  /**
   * A handover begins: the priority-0 advert tells the backups to take over after their Skew_Time,
   * while this router keeps the addresses (and answers ARP for them) so that no request finds the
   * VIP unowned; Master_Down_Interval bounds the wait for the new master.
   */
  static Step startRelease(RouterParams params, Machine machine) {
    Machine next = new Machine(VrrpState.MASTER, machine.effectivePriority(), machine.masterAdverInterval(),
        machine.lastMaster(), machine.startedAtNanos(), true);
    Duration bound = VrrpTimers.masterDownInterval(
        params.version(), machine.effectivePriority(), machine.masterAdverInterval());
    List<Action> actions = List.of(new CancelTimer(Timer.ADVER), new SendAdvert(0), new ArmTimer(Timer.MASTER_DOWN, bound));
    return Steps.stay(next, actions, "Handing over: priority 0 sent, keeping the VIPs until a new master advertises");
  }

  /** Ending a handover without a new master (or stopping during one): the priority-0 advert has gone out already. */
  static List<Action> release() {
    return List.of(new CancelTimer(Timer.MASTER_DOWN), ReleaseAddresses.now());
  }

  /** Ending a handover on the new master's first advert: the addresses stay for {@link #HANDOVER_OVERLAP}. */
  static List<Action> releaseToNewMaster() {
    return List.of(new CancelTimer(Timer.MASTER_DOWN), new ReleaseAddresses(HANDOVER_OVERLAP));
  }

  static Step onAdverTimer(RouterParams params, Machine machine) {
    return Steps.stay(machine, advertNow(params, machine));
  }

  static Step onAdvert(RouterParams params, Machine machine, AdvertReceived advert, long nowNanos) {
    if (advert.priority() == 0) {
      return Steps.stay(machine, advertNow(params, machine));
    }
    if (outranks(params, machine, advert)) {
      return stepDown(params, machine, advert, nowNanos);
    }
    // A lower-priority master means the link was broken for a while: assert ourselves at once.
    String note = String.format(
        "Received advert from %s with lower priority %d, ours %d, forcing new election",
        advert.sender().getHostAddress(), advert.priority(), machine.effectivePriority());
    return Steps.stay(machine, advertNow(params, machine), note);
  }

  private static List<Action> advertNow(RouterParams params, Machine machine) {
    return List.of(new SendAdvert(machine.effectivePriority()), new ArmTimer(Timer.ADVER, params.advertInterval()));
  }

  /** Higher priority, or equal priority from a higher primary address (compared as unsigned 32-bit). */
  private static boolean outranks(RouterParams params, Machine machine, AdvertReceived advert) {
    int byPriority = Integer.compare(advert.priority(), machine.effectivePriority());
    if (byPriority != 0) {
      return byPriority > 0;
    }
    int sender = asInt(advert.sender().getAddress());
    return Integer.compareUnsigned(sender, asInt(params.primaryAddress().getAddress())) > 0;
  }

  private static Step stepDown(RouterParams params, Machine machine, AdvertReceived advert, long nowNanos) {
    HeardMaster sender = new HeardMaster(advert.sender(), advert.priority(), nowNanos);
    return BackupRules.enter(
        params, machine, BackupRules.adoptedInterval(params, machine, advert), Optional.of(sender), stepDownQuietly(),
        new TransitionReason.PreemptedBy(sender));
  }

  private static int asInt(byte[] address) {
    return ((address[0] & 0xFF) << 24) | ((address[1] & 0xFF) << 16) | ((address[2] & 0xFF) << 8) | (address[3] & 0xFF);
  }
}
