package dev.tandem.vrrp;

import static dev.tandem.vrrp.VrrpTimersTest.seconds;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.vrrp.Action.ArmTimer;
import dev.tandem.vrrp.Action.CancelTimer;
import dev.tandem.vrrp.Action.ReleaseAddresses;
import dev.tandem.vrrp.Action.SendAdvert;
import dev.tandem.vrrp.Action.TakeAddresses;
import java.net.InetAddress;
import java.net.Inet4Address;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the state tables of RFC 3768 / RFC 5798 §6.4 (v2 and v3 where they differ), plus
 * Fault, priority changes and keepalived's additions: one input against one machine, asserting
 * the exact actions in order, the transition with its reason, the next machine and the log note.
 */
class StateMachineRulesTest {
  static final Inet4Address OWN = ip("192.0.2.11");
  static final Inet4Address HIGHER_IP = ip("192.0.2.12");
  static final Inet4Address LOWER_IP = ip("192.0.2.10");
  static final Inet4Address OTHER_NET = ip("203.0.113.5");

  static final long STARTED = 0;
  static final long NOW = 50_000_000_000L;

  static final RouterParams V2 = params(2, 100, Duration.ofSeconds(1), true, Duration.ZERO);
  static final RouterParams V3 = params(3, 100, Duration.ofMillis(100), true, Duration.ZERO);
  static final RouterParams V2_OWNER = params(2, 255, Duration.ofSeconds(1), true, Duration.ZERO);
  static final RouterParams V3_OWNER = params(3, 255, Duration.ofMillis(100), true, Duration.ZERO);
  static final RouterParams V2_NOPREEMPT = params(2, 100, Duration.ofSeconds(1), false, Duration.ZERO);
  /** preempt_delay 60 s: at NOW (50 s after the start) the delay still runs. */
  static final RouterParams V2_DELAY_60 = params(2, 100, Duration.ofSeconds(1), true, Duration.ofSeconds(60));
  /** preempt_delay 30 s: at NOW it has run out. */
  static final RouterParams V2_DELAY_30 = params(2, 100, Duration.ofSeconds(1), true, Duration.ofSeconds(30));

  static final Duration HALF_SECOND = Duration.ofMillis(500);

  record Case(String name, RouterParams params, Machine machine, Input input, Step expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"initialize", "backup", "master", "shutdown", "handover", "fault", "priority", "syncGroup"})
  void rule(Case c) {
    Step actual = StateMachine.step(c.params(), c.machine(), c.input(), NOW);
    assertAll(
        c.name(),
        () -> assertEquals(c.expected().actions(), actual.actions(), "actions"),
        () -> assertEquals(c.expected().transition(), actual.transition(), "transition"),
        () -> assertEquals(c.expected().next(), actual.next(), "next machine"),
        () -> assertEquals(c.expected().note(), actual.note(), "note"));
  }

  // §6.4.1
  static Stream<Case> initialize() {
    Machine v2Init = Machine.initial(V2, STARTED);
    return Stream.of(
        new Case("Initialize v2: Startup with priority 255 -> send advert, take addresses, Adver_Timer, Master",
            V2_OWNER, Machine.initial(V2_OWNER, STARTED), new Input.Startup(Duration.ZERO),
            move(VrrpState.INITIALIZE, master(V2_OWNER, 255, NOW), new TransitionReason.AddressOwner(),
                new SendAdvert(255), new TakeAddresses(), new ArmTimer(Timer.ADVER, Duration.ofSeconds(1)))),
        new Case("Initialize v3: Startup with priority 255 -> Adver_Timer = Advertisement_Interval (centiseconds)",
            V3_OWNER, Machine.initial(V3_OWNER, STARTED), new Input.Startup(Duration.ZERO),
            move(VrrpState.INITIALIZE, master(V3_OWNER, 255, NOW), new TransitionReason.AddressOwner(),
                new SendAdvert(255), new TakeAddresses(), new ArmTimer(Timer.ADVER, Duration.ofMillis(100)))),
        new Case("Initialize v2: Startup below 255 -> Master_Down_Timer = Master_Down_Interval, Backup",
            V2, v2Init, new Input.Startup(Duration.ZERO),
            move(VrrpState.INITIALIZE, backup(V2, Duration.ofSeconds(1), Optional.empty(), NOW),
                new TransitionReason.Startup(), new ArmTimer(Timer.MASTER_DOWN, seconds("3.609375")))),
        new Case("Initialize v3: Startup below 255 -> Master_Down_Interval from Advertisement_Interval",
            V3, Machine.initial(V3, STARTED), new Input.Startup(Duration.ZERO),
            move(VrrpState.INITIALIZE, backup(V3, Duration.ofMillis(100), Optional.empty(), NOW),
                new TransitionReason.Startup(), new ArmTimer(Timer.MASTER_DOWN, seconds("0.3609375")))),
        new Case("Initialize: Startup uses the effective priority recorded before it for Master_Down_Interval",
            V2, withPriority(v2Init, 150), new Input.Startup(Duration.ZERO),
            move(VrrpState.INITIALIZE, withPriority(backup(V2, Duration.ofSeconds(1), Optional.empty(), NOW), 150),
                new TransitionReason.Startup(), new ArmTimer(Timer.MASTER_DOWN, seconds("3.4140625")))),
        new Case("Initialize v2: a node that has heard the link for 0.4 s already waits 0.4 s less for a master",
            V2, v2Init, new Input.Startup(Duration.ofMillis(400)),
            move(VrrpState.INITIALIZE, backup(V2, Duration.ofSeconds(1), Optional.empty(), NOW),
                new TransitionReason.Startup(), new ArmTimer(Timer.MASTER_DOWN, seconds("3.209375")))),
        new Case("Initialize v2: time heard before Startup shortens the first wait by one advert interval at most",
            V2, v2Init, new Input.Startup(Duration.ofSeconds(30)),
            move(VrrpState.INITIALIZE, backup(V2, Duration.ofSeconds(1), Optional.empty(), NOW),
                new TransitionReason.Startup(), new ArmTimer(Timer.MASTER_DOWN, seconds("2.609375")))),
        new Case("Initialize v3: the first wait keeps two advert intervals plus skew, however long the link was heard",
            V3, Machine.initial(V3, STARTED), new Input.Startup(Duration.ofMillis(500)),
            move(VrrpState.INITIALIZE, backup(V3, Duration.ofMillis(100), Optional.empty(), NOW),
                new TransitionReason.Startup(), new ArmTimer(Timer.MASTER_DOWN, seconds("0.2609375")))),
        new Case("Initialize v2: the address owner takes over at once, whatever was heard before Startup",
            V2_OWNER, Machine.initial(V2_OWNER, STARTED), new Input.Startup(Duration.ofMillis(400)),
            move(VrrpState.INITIALIZE, master(V2_OWNER, 255, NOW), new TransitionReason.AddressOwner(),
                new SendAdvert(255), new TakeAddresses(), new ArmTimer(Timer.ADVER, Duration.ofSeconds(1)))),
        new Case("Initialize: an advert before Startup is ignored",
            V2, v2Init, advert(HIGHER_IP, 200, Duration.ofSeconds(1)), ignored(v2Init)),
        new Case("Initialize: a timer before Startup is ignored",
            V2, v2Init, new Input.TimerExpired(Timer.MASTER_DOWN), ignored(v2Init)));
  }

  // §6.4.2
  static Stream<Case> backup() {
    Machine v2Backup = backup(V2, Duration.ofSeconds(1), Optional.empty(), STARTED);
    Machine v3Backup = backup(V3, Duration.ofMillis(100), Optional.empty(), STARTED);
    HeardMaster lowerMaster = heard(LOWER_IP, 90);
    Machine v2HeardLower = backup(V2, Duration.ofSeconds(1), Optional.of(lowerMaster), STARTED);
    return Stream.of(
        new Case("Backup v2: Master_Down_Timer fires -> send advert, take addresses, Adver_Timer, Master",
            V2, v2HeardLower, new Input.TimerExpired(Timer.MASTER_DOWN),
            move(VrrpState.BACKUP, master(V2, 100, STARTED), new TransitionReason.MasterDown(Optional.of(lowerMaster)),
                new SendAdvert(100), new TakeAddresses(), new ArmTimer(Timer.ADVER, Duration.ofSeconds(1)))),
        new Case("Backup v3: Master_Down_Timer fires -> Master, Adver_Timer = own Advertisement_Interval, not the adopted one",
            V3, backup(V3, HALF_SECOND, Optional.empty(), STARTED), new Input.TimerExpired(Timer.MASTER_DOWN),
            move(VrrpState.BACKUP, master(V3, 100, STARTED), new TransitionReason.MasterDown(Optional.empty()),
                new SendAdvert(100), new TakeAddresses(), new ArmTimer(Timer.ADVER, Duration.ofMillis(100)))),
        new Case("Backup v2: advert with priority 0 -> Master_Down_Timer = Skew_Time",
            V2, v2Backup, advert(HIGHER_IP, 0, Duration.ofSeconds(1)),
            stay(backup(V2, Duration.ofSeconds(1), Optional.of(heard(HIGHER_IP, 0)), STARTED),
                new ArmTimer(Timer.MASTER_DOWN, seconds("0.609375")))),
        new Case("Backup v3: advert with priority 0 -> Master_Down_Timer = Skew_Time of Master_Adver_Interval",
            V3, v3Backup, advert(HIGHER_IP, 0, HALF_SECOND),
            stay(backup(V3, Duration.ofMillis(100), Optional.of(heard(HIGHER_IP, 0)), STARTED),
                new ArmTimer(Timer.MASTER_DOWN, seconds("0.0609375")))),
        new Case("Backup v2: advert with higher priority -> Master_Down_Timer = Master_Down_Interval",
            V2, v2Backup, advert(LOWER_IP, 150, Duration.ofSeconds(1)),
            stay(backup(V2, Duration.ofSeconds(1), Optional.of(heard(LOWER_IP, 150)), STARTED),
                new ArmTimer(Timer.MASTER_DOWN, seconds("3.609375")))),
        new Case("Backup v2: advert with equal priority -> Master_Down_Timer = Master_Down_Interval",
            V2, v2Backup, advert(LOWER_IP, 100, Duration.ofSeconds(1)),
            stay(backup(V2, Duration.ofSeconds(1), Optional.of(heard(LOWER_IP, 100)), STARTED),
                new ArmTimer(Timer.MASTER_DOWN, seconds("3.609375")))),
        new Case("Backup v3: accepted advert -> Master_Adver_Interval = its interval, Master_Down_Interval from it",
            V3, v3Backup, advert(HIGHER_IP, 150, HALF_SECOND),
            stay(backup(V3, HALF_SECOND, Optional.of(heard(HIGHER_IP, 150)), STARTED),
                new ArmTimer(Timer.MASTER_DOWN, seconds("1.8046875")))),
        new Case("Backup v2: lower priority, preempt on -> discard (the timer runs out), sender recorded",
            V2, v2Backup, advert(LOWER_IP, 90, Duration.ofSeconds(1)),
            noted(backup(V2, Duration.ofSeconds(1), Optional.of(lowerMaster), STARTED),
                "received lower priority (90) advert from 192.0.2.10 - discarding")),
        new Case("Backup v3: lower priority, preempt on -> discard, interval not adopted",
            V3, v3Backup, advert(LOWER_IP, 90, HALF_SECOND),
            noted(backup(V3, Duration.ofMillis(100), Optional.of(lowerMaster), STARTED),
                "received lower priority (90) advert from 192.0.2.10 - discarding")),
        new Case("Backup v2: lower priority heard before the start (kept by the link), preempt on -> discard",
            V2, backup(V2, Duration.ofSeconds(1), Optional.empty(), NOW + 200_000_000L),
            advert(LOWER_IP, 90, Duration.ofSeconds(1)),
            noted(backup(V2, Duration.ofSeconds(1), Optional.of(lowerMaster), NOW + 200_000_000L),
                "received lower priority (90) advert from 192.0.2.10 - discarding")),
        new Case("Backup v2: lower priority heard before the start, within preempt_delay -> Master_Down_Interval",
            V2_DELAY_30, backup(V2_DELAY_30, Duration.ofSeconds(1), Optional.empty(), NOW + 200_000_000L),
            advert(LOWER_IP, 90, Duration.ofSeconds(1)),
            stay(backup(V2_DELAY_30, Duration.ofSeconds(1), Optional.of(lowerMaster), NOW + 200_000_000L),
                new ArmTimer(Timer.MASTER_DOWN, seconds("3.609375")))),
        new Case("Backup v2: lower priority, preempt off -> Master_Down_Timer = Master_Down_Interval",
            V2_NOPREEMPT, backup(V2_NOPREEMPT, Duration.ofSeconds(1), Optional.empty(), STARTED),
            advert(LOWER_IP, 90, Duration.ofSeconds(1)),
            stay(backup(V2_NOPREEMPT, Duration.ofSeconds(1), Optional.of(lowerMaster), STARTED),
                new ArmTimer(Timer.MASTER_DOWN, seconds("3.609375")))),
        new Case("Backup v2: lower priority within preempt_delay -> Master_Down_Timer = Master_Down_Interval",
            V2_DELAY_60, backup(V2_DELAY_60, Duration.ofSeconds(1), Optional.empty(), STARTED),
            advert(LOWER_IP, 90, Duration.ofSeconds(1)),
            stay(backup(V2_DELAY_60, Duration.ofSeconds(1), Optional.of(lowerMaster), STARTED),
                new ArmTimer(Timer.MASTER_DOWN, seconds("3.609375")))),
        new Case("Backup v2: lower priority after preempt_delay -> discard",
            V2_DELAY_30, backup(V2_DELAY_30, Duration.ofSeconds(1), Optional.empty(), STARTED),
            advert(LOWER_IP, 90, Duration.ofSeconds(1)),
            noted(backup(V2_DELAY_30, Duration.ofSeconds(1), Optional.of(lowerMaster), STARTED),
                "received lower priority (90) advert from 192.0.2.10 - discarding")),
        new Case("Backup: a higher effective priority is what the advert is compared with",
            V2, withPriority(v2Backup, 120), advert(LOWER_IP, 110, Duration.ofSeconds(1)),
            noted(withPriority(backup(V2, Duration.ofSeconds(1), Optional.of(heard(LOWER_IP, 110)), STARTED), 120),
                "received lower priority (110) advert from 192.0.2.10 - discarding")),
        new Case("Backup: Adver_Timer expiry after a race is ignored",
            V2, v2Backup, new Input.TimerExpired(Timer.ADVER), ignored(v2Backup)),
        new Case("Backup: Startup again is ignored",
            V2, v2Backup, new Input.Startup(Duration.ZERO), ignored(v2Backup)));
  }

  // §6.4.3
  static Stream<Case> master() {
    Machine v2Master = master(V2, 100, STARTED);
    Machine v3Master = master(V3, 100, STARTED);
    Machine ownerMaster = master(V2_OWNER, 255, STARTED);
    List<Action> advertNow = List.of(new SendAdvert(100), new ArmTimer(Timer.ADVER, Duration.ofSeconds(1)));
    return Stream.of(
        new Case("Master v2: Adver_Timer fires -> send advert, Adver_Timer = Advertisement_Interval",
            V2, v2Master, new Input.TimerExpired(Timer.ADVER), stay(v2Master, advertNow)),
        new Case("Master v3: Adver_Timer fires -> send advert, Adver_Timer = Advertisement_Interval (centiseconds)",
            V3, v3Master, new Input.TimerExpired(Timer.ADVER),
            stay(v3Master, new SendAdvert(100), new ArmTimer(Timer.ADVER, Duration.ofMillis(100)))),
        new Case("Master: advert with priority 0 -> send advert at once, reset Adver_Timer",
            V2, v2Master, advert(HIGHER_IP, 0, Duration.ofSeconds(1)), stay(v2Master, advertNow)),
        new Case("Master v2: higher priority -> stop Adver_Timer, release, Master_Down_Timer, Backup",
            V2, v2Master, advert(LOWER_IP, 150, Duration.ofSeconds(1)),
            move(VrrpState.MASTER, backup(V2, Duration.ofSeconds(1), Optional.of(heard(LOWER_IP, 150)), STARTED),
                new TransitionReason.PreemptedBy(heard(LOWER_IP, 150)),
                new CancelTimer(Timer.ADVER), ReleaseAddresses.now(), new ArmTimer(Timer.MASTER_DOWN, seconds("3.609375")))),
        new Case("Master v3: higher priority -> Backup, Master_Down_Interval from the sender's interval",
            V3, v3Master, advert(LOWER_IP, 150, HALF_SECOND),
            move(VrrpState.MASTER, backup(V3, HALF_SECOND, Optional.of(heard(LOWER_IP, 150)), STARTED),
                new TransitionReason.PreemptedBy(heard(LOWER_IP, 150)),
                new CancelTimer(Timer.ADVER), ReleaseAddresses.now(), new ArmTimer(Timer.MASTER_DOWN, seconds("1.8046875")))),
        new Case("Master: equal priority, higher sender IP -> Backup",
            V2, v2Master, advert(HIGHER_IP, 100, Duration.ofSeconds(1)),
            move(VrrpState.MASTER, backup(V2, Duration.ofSeconds(1), Optional.of(heard(HIGHER_IP, 100)), STARTED),
                new TransitionReason.PreemptedBy(heard(HIGHER_IP, 100)),
                new CancelTimer(Timer.ADVER), ReleaseAddresses.now(), new ArmTimer(Timer.MASTER_DOWN, seconds("3.609375")))),
        new Case("Master: equal priority, higher sender IP in another network (unsigned compare) -> Backup",
            V2, v2Master, advert(OTHER_NET, 100, Duration.ofSeconds(1)),
            move(VrrpState.MASTER, backup(V2, Duration.ofSeconds(1), Optional.of(heard(OTHER_NET, 100)), STARTED),
                new TransitionReason.PreemptedBy(heard(OTHER_NET, 100)),
                new CancelTimer(Timer.ADVER), ReleaseAddresses.now(), new ArmTimer(Timer.MASTER_DOWN, seconds("3.609375")))),
        new Case("Master: equal priority, lower sender IP -> discard, answer with an advert at once",
            V2, v2Master, advert(LOWER_IP, 100, Duration.ofSeconds(1)),
            noted(v2Master, "Received advert from 192.0.2.10 with lower priority 100, ours 100, forcing new election",
                advertNow.toArray(Action[]::new))),
        new Case("Master: lower priority -> discard, answer with an advert at once (keepalived)",
            V2, v2Master, advert(HIGHER_IP, 90, Duration.ofSeconds(1)),
            noted(v2Master, "Received advert from 192.0.2.12 with lower priority 90, ours 100, forcing new election",
                advertNow.toArray(Action[]::new))),
        new Case("Master: the effective priority, not the configured one, is compared and advertised",
            V2, withPriority(v2Master, 80), advert(HIGHER_IP, 90, Duration.ofSeconds(1)),
            move(VrrpState.MASTER,
                withPriority(backup(V2, Duration.ofSeconds(1), Optional.of(heard(HIGHER_IP, 90)), STARTED), 80),
                new TransitionReason.PreemptedBy(heard(HIGHER_IP, 90)),
                new CancelTimer(Timer.ADVER), ReleaseAddresses.now(), new ArmTimer(Timer.MASTER_DOWN, seconds("3.6875")))),
        new Case("Master (address owner 255): lower priority with a higher IP never makes it step down",
            V2_OWNER, ownerMaster, advert(HIGHER_IP, 254, Duration.ofSeconds(1)),
            noted(ownerMaster, "Received advert from 192.0.2.12 with lower priority 254, ours 255, forcing new election",
                new SendAdvert(255), new ArmTimer(Timer.ADVER, Duration.ofSeconds(1)))),
        new Case("Master: Master_Down_Timer expiry after a race is ignored",
            V2, v2Master, new Input.TimerExpired(Timer.MASTER_DOWN), ignored(v2Master)));
  }

  static Stream<Case> shutdown() {
    Machine v3Master = master(V3, 100, STARTED);
    Machine v3Backup = backup(V3, HALF_SECOND, Optional.of(heard(HIGHER_IP, 150)), STARTED);
    Machine fault = fault(V2, Optional.empty());
    Machine init = Machine.initial(V2, STARTED);
    return Stream.of(
        new Case("Master: Shutdown -> stop Adver_Timer, send advert with priority 0, release, Initialize",
            V3, v3Master, new Input.Shutdown(),
            move(VrrpState.MASTER, initialized(V3, Optional.empty()), new TransitionReason.Shutdown(),
                new CancelTimer(Timer.ADVER), new SendAdvert(0), ReleaseAddresses.now())),
        new Case("Backup: Shutdown -> stop Master_Down_Timer, Initialize",
            V3, v3Backup, new Input.Shutdown(),
            move(VrrpState.BACKUP,
                new Machine(VrrpState.INITIALIZE, 100, HALF_SECOND, Optional.of(heard(HIGHER_IP, 150)), STARTED, false),
                new TransitionReason.Shutdown(),
                new CancelTimer(Timer.MASTER_DOWN))),
        new Case("Fault: Shutdown -> Initialize, nothing to undo",
            V2, fault, new Input.Shutdown(),
            move(VrrpState.FAULT, initialized(V2, Optional.empty()), new TransitionReason.Shutdown())),
        new Case("Initialize: Shutdown -> nothing, no transition",
            V2, init, new Input.Shutdown(), ignored(init)));
  }

  // Zero-loss handover: priority 0 announced, addresses kept until the new master advertises.
  static Stream<Case> handover() {
    Machine v2Master = master(V2, 150, STARTED);
    Machine releasing = releasing(v2Master);
    Machine released = new Machine(VrrpState.INITIALIZE, 150, Duration.ofSeconds(1), Optional.empty(), STARTED, false);
    Machine v2Backup = backup(V2, Duration.ofSeconds(1), Optional.of(heard(HIGHER_IP, 150)), STARTED);
    String note = "Handing over: priority 0 sent, keeping the VIPs until a new master advertises";
    return Stream.of(
        new Case("Master, peer heard: Handover -> stop Adver_Timer, advert with priority 0, keep addresses,"
            + " Master_Down_Timer bounds the wait, still Master",
            V2, v2Master, new Input.Handover(true),
            noted(releasing, note, new CancelTimer(Timer.ADVER), new SendAdvert(0),
                new ArmTimer(Timer.MASTER_DOWN, seconds("3.4140625")))),
        new Case("Master, nobody heard: Handover -> released at once, as Shutdown (keepalived)",
            V2, v2Master, new Input.Handover(false),
            move(VrrpState.MASTER, released, new TransitionReason.Shutdown(),
                new CancelTimer(Timer.ADVER), new SendAdvert(0), ReleaseAddresses.now())),
        new Case("Releasing: the new master's advert (lower priority) -> release addresses 50 ms later (its GARP lands first), Initialize",
            V2, releasing, advert(HIGHER_IP, 100, Duration.ofSeconds(1)),
            move(VrrpState.MASTER, released,
                new TransitionReason.HandedOver(Optional.of(new HeardMaster(HIGHER_IP, 100, NOW))),
                new CancelTimer(Timer.MASTER_DOWN), new ReleaseAddresses(Duration.ofMillis(50)))),
        new Case("Releasing: an advert from a lower address counts too (no election while releasing)",
            V2, releasing, advert(LOWER_IP, 200, Duration.ofSeconds(1)),
            move(VrrpState.MASTER, released,
                new TransitionReason.HandedOver(Optional.of(new HeardMaster(LOWER_IP, 200, NOW))),
                new CancelTimer(Timer.MASTER_DOWN), new ReleaseAddresses(Duration.ofMillis(50)))),
        new Case("Releasing: Master_Down_Interval passes without a new master -> release, Initialize",
            V2, releasing, new Input.TimerExpired(Timer.MASTER_DOWN),
            move(VrrpState.MASTER, released, new TransitionReason.HandedOver(Optional.empty()),
                new CancelTimer(Timer.MASTER_DOWN), ReleaseAddresses.now())),
        new Case("Releasing: a stale Adver_Timer is ignored (no advert with our priority again)",
            V2, releasing, new Input.TimerExpired(Timer.ADVER), ignored(releasing)),
        new Case("Releasing: Shutdown -> release now, no second priority-0 advert",
            V2, releasing, new Input.Shutdown(),
            move(VrrpState.MASTER, released, new TransitionReason.Shutdown(),
                new CancelTimer(Timer.MASTER_DOWN), ReleaseAddresses.now())),
        new Case("Releasing: Handover again -> nothing",
            V2, releasing, new Input.Handover(true), ignored(releasing)),
        new Case("Releasing: a fault -> Fault, addresses released",
            V2, releasing, new Input.FaultChanged(true, "track_interface eth0 down"),
            move(VrrpState.MASTER,
                new Machine(VrrpState.FAULT, 150, Duration.ofSeconds(1), Optional.empty(), STARTED, false),
                new TransitionReason.FaultRaised("track_interface eth0 down"),
                new CancelTimer(Timer.MASTER_DOWN), ReleaseAddresses.now())),
        new Case("Releasing: a priority change keeps the handover going",
            V2, releasing, new Input.PriorityChanged(90, "chk_nginx weight -60"),
            noted(withPriority(releasing, 90), "Changing effective priority from 150 to 90")),
        new Case("Backup: Handover -> as Shutdown (nothing to hand over)",
            V2, v2Backup, new Input.Handover(true),
            move(VrrpState.BACKUP,
                new Machine(VrrpState.INITIALIZE, 100, Duration.ofSeconds(1), Optional.of(heard(HIGHER_IP, 150)), STARTED, false),
                new TransitionReason.Shutdown(), new CancelTimer(Timer.MASTER_DOWN))));
  }

  static Machine releasing(Machine master) {
    return new Machine(master.state(), master.effectivePriority(), master.masterAdverInterval(), master.lastMaster(),
        master.startedAtNanos(), true);
  }

  static Stream<Case> fault() {
    Machine v2Master = master(V2, 100, STARTED);
    Machine v3Backup = backup(V3, HALF_SECOND, Optional.of(heard(HIGHER_IP, 150)), STARTED);
    Machine v3Fault = new Machine(VrrpState.FAULT, 100, HALF_SECOND, Optional.of(heard(HIGHER_IP, 150)), STARTED, false);
    Machine v2Fault = fault(V2, Optional.empty());
    Machine init = Machine.initial(V2, STARTED);
    return Stream.of(
        new Case("Master: fault raised -> stop Adver_Timer, advert with priority 0, release, Fault",
            V2, v2Master, new Input.FaultChanged(true, "track_interface eth0 down"),
            move(VrrpState.MASTER, fault(V2, Optional.empty()), new TransitionReason.FaultRaised("track_interface eth0 down"),
                new CancelTimer(Timer.ADVER), new SendAdvert(0), ReleaseAddresses.now())),
        new Case("Backup: fault raised -> stop Master_Down_Timer, Fault",
            V3, v3Backup, new Input.FaultChanged(true, "vrrp_script chk_nginx failed"),
            move(VrrpState.BACKUP, v3Fault, new TransitionReason.FaultRaised("vrrp_script chk_nginx failed"),
                new CancelTimer(Timer.MASTER_DOWN))),
        new Case("Initialize: fault raised -> Fault, nothing to undo",
            V2, init, new Input.FaultChanged(true, "track_interface eth0 down"),
            move(VrrpState.INITIALIZE, new Machine(VrrpState.FAULT, 100, Duration.ofSeconds(1), Optional.empty(), STARTED, false),
                new TransitionReason.FaultRaised("track_interface eth0 down"))),
        new Case("Fault: fault raised again -> nothing",
            V2, v2Fault, new Input.FaultChanged(true, "another cause"), ignored(v2Fault)),
        new Case("Fault v3: fault cleared -> Backup, Master_Down_Timer from the configured interval",
            V3, v3Fault, new Input.FaultChanged(false, ""),
            move(VrrpState.FAULT, backup(V3, Duration.ofMillis(100), Optional.of(heard(HIGHER_IP, 150)), STARTED),
                new TransitionReason.FaultCleared(), new ArmTimer(Timer.MASTER_DOWN, seconds("0.3609375")))),
        new Case("Backup: fault cleared while not in Fault -> nothing",
            V3, v3Backup, new Input.FaultChanged(false, ""), ignored(v3Backup)),
        new Case("Fault: adverts are ignored",
            V2, v2Fault, advert(HIGHER_IP, 0, Duration.ofSeconds(1)), ignored(v2Fault)),
        new Case("Fault: Master_Down_Timer expiry is ignored",
            V2, v2Fault, new Input.TimerExpired(Timer.MASTER_DOWN), ignored(v2Fault)),
        new Case("Fault: Adver_Timer expiry is ignored",
            V2, v2Fault, new Input.TimerExpired(Timer.ADVER), ignored(v2Fault)));
  }

  static Stream<Case> priority() {
    Machine v2Master = master(V2, 100, STARTED);
    Machine v2Backup = backup(V2, Duration.ofSeconds(1), Optional.empty(), STARTED);
    Machine ownerMaster = master(V2_OWNER, 255, STARTED);
    Machine v2Fault = fault(V2, Optional.empty());
    return Stream.of(
        new Case("Master: priority changed -> recorded for the next adverts, no transition",
            V2, v2Master, new Input.PriorityChanged(80, "chk_nginx weight -20"),
            noted(withPriority(v2Master, 80), "Changing effective priority from 100 to 80")),
        new Case("Backup: priority changed -> recorded, nothing immediate",
            V2, v2Backup, new Input.PriorityChanged(120, "chk_nginx weight +20"),
            noted(withPriority(v2Backup, 120), "Changing effective priority from 100 to 120")),
        new Case("Fault: priority changed -> recorded, no transition (priority never causes Fault)",
            V2, v2Fault, new Input.PriorityChanged(1, "chk_nginx weight -99"),
            noted(withPriority(v2Fault, 1), "Changing effective priority from 100 to 1")),
        new Case("Priority above 254 is clamped to 254 (only the configured owner has 255)",
            V2, v2Backup, new Input.PriorityChanged(300, "weights"),
            noted(withPriority(v2Backup, 254), "Changing effective priority from 100 to 254")),
        new Case("Priority below 1 is clamped to 1 (0 would mean releasing Master)",
            V2, v2Backup, new Input.PriorityChanged(-20, "weights"),
            noted(withPriority(v2Backup, 1), "Changing effective priority from 100 to 1")),
        new Case("Address owner (255): priority changes do not apply",
            V2_OWNER, ownerMaster, new Input.PriorityChanged(200, "weights"), ignored(ownerMaster)),
        new Case("Unchanged priority -> nothing, no note",
            V2, v2Backup, new Input.PriorityChanged(100, "weights"), ignored(v2Backup)));
  }

  // The machines and steps the cases expect.

  static Stream<Case> syncGroup() {
    String cause = "sync group G1: VI_2 entered MASTER";
    Machine v2Backup = backup(V2, Duration.ofSeconds(1), Optional.of(heard(HIGHER_IP, 150)), STARTED);
    Machine v2Master = master(V2, 100, STARTED);
    Machine v2Fault = fault(V2, Optional.empty());
    Machine init = Machine.initial(V2, STARTED);
    return Stream.of(
        new Case("Backup: group demands Master -> advert, addresses, Adver_Timer, Master",
            V2, v2Backup, new Input.SyncDemanded(VrrpState.MASTER, cause),
            move(VrrpState.BACKUP, v2Master, new TransitionReason.SyncForced(cause),
                new SendAdvert(100), new TakeAddresses(), new ArmTimer(Timer.ADVER, Duration.ofSeconds(1)))),
        new Case("Master: group demands Backup -> no priority-0 advert, release, Master_Down_Timer, Backup",
            V2, v2Master, new Input.SyncDemanded(VrrpState.BACKUP, "sync group G1: VI_2 entered BACKUP"),
            move(VrrpState.MASTER, backup(V2, Duration.ofSeconds(1), Optional.empty(), STARTED),
                new TransitionReason.SyncForced("sync group G1: VI_2 entered BACKUP"),
                new CancelTimer(Timer.ADVER), ReleaseAddresses.now(), new ArmTimer(Timer.MASTER_DOWN, seconds("3.609375")))),
        new Case("Master: group demands Master -> nothing", V2, v2Master,
            new Input.SyncDemanded(VrrpState.MASTER, cause), ignored(v2Master)),
        new Case("Backup: group demands Backup -> nothing", V2, v2Backup,
            new Input.SyncDemanded(VrrpState.BACKUP, cause), ignored(v2Backup)),
        new Case("Fault: group demands Master -> stays in Fault", V2, v2Fault,
            new Input.SyncDemanded(VrrpState.MASTER, cause), ignored(v2Fault)),
        new Case("Initialize: group demands Master -> stays in Initialize", V2, init,
            new Input.SyncDemanded(VrrpState.MASTER, cause), ignored(init)));
  }

  static RouterParams params(int version, int priority, Duration interval, boolean preempt, Duration delay) {
    return new RouterParams(version, priority, interval, preempt, delay, OWN);
  }

  static Machine master(RouterParams params, int priority, long startedAt) {
    return new Machine(VrrpState.MASTER, priority, params.advertInterval(), Optional.empty(), startedAt, false);
  }

  static Machine backup(RouterParams params, Duration interval, Optional<HeardMaster> lastMaster, long startedAt) {
    return new Machine(VrrpState.BACKUP, params.priority(), interval, lastMaster, startedAt, false);
  }

  static Machine fault(RouterParams params, Optional<HeardMaster> lastMaster) {
    return new Machine(VrrpState.FAULT, params.priority(), params.advertInterval(), lastMaster, STARTED, false);
  }

  static Machine initialized(RouterParams params, Optional<HeardMaster> lastMaster) {
    return new Machine(VrrpState.INITIALIZE, params.priority(), params.advertInterval(), lastMaster, STARTED, false);
  }

  static Machine withPriority(Machine m, int priority) {
    return new Machine(m.state(), priority, m.masterAdverInterval(), m.lastMaster(), m.startedAtNanos(), m.releasing());
  }

  static HeardMaster heard(Inet4Address sender, int priority) {
    return new HeardMaster(sender, priority, NOW);
  }

  static Input.AdvertReceived advert(Inet4Address sender, int priority, Duration interval) {
    return new Input.AdvertReceived(sender, priority, interval);
  }

  static Step ignored(Machine machine) {
    return new Step(machine, List.of(), Optional.empty(), Optional.empty());
  }

  static Step stay(Machine next, Action... actions) {
    return new Step(next, List.of(actions), Optional.empty(), Optional.empty());
  }

  static Step stay(Machine next, List<Action> actions) {
    return new Step(next, actions, Optional.empty(), Optional.empty());
  }

  static Step noted(Machine next, String note, Action... actions) {
    return new Step(next, List.of(actions), Optional.empty(), Optional.of(note));
  }

  static Step move(VrrpState from, Machine next, TransitionReason reason, Action... actions) {
    return new Step(next, List.of(actions), Optional.of(new Transition(from, next.state(), reason)), Optional.empty());
  }

  static Inet4Address ip(String literal) {
    try {
      return (Inet4Address) InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
