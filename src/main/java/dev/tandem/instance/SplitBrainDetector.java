package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.config.SplitBrainAction;
import dev.tandem.config.SplitBrainConfig;
import dev.tandem.config.VirtualAddress;
import dev.tandem.net.LinkHub;
import dev.tandem.net.SplitBrainSink;
import dev.tandem.vrrp.HeardReport;
import dev.tandem.vrrp.SplitBrainEvidence;
import dev.tandem.vrrp.SplitBrainRules;
import dev.tandem.vrrp.SplitBrainSituation;
import dev.tandem.vrrp.SplitBrainVerdict;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.wire.ArpClaim;
import dev.tandem.wire.EchoFrame;
import dev.tandem.wire.EchoReading;
import dev.tandem.wire.InstanceReport;
import dev.tandem.wire.MacAddress;
import dev.tandem.wire.ReportedState;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Pings each configured peer every interval with this instance's VRID, state and priority in the
 * echo payload, reads the peers' own reports off the hub, and yields the router (Fault) when
 * {@link SplitBrainRules} says so, journaling the evidence; it lets the router back into VRRP when
 * the rules say the reason is gone. The peer's kernel answers the pings; only a running tandem
 * reports, so a host whose controller died is never mistaken for a Master. When a peer that was
 * Master beside this one leaves Master, the VIPs are announced again (gratuitous ARP): the peer
 * answered ARP for them too, and neighbours may still send to it.
 */
public final class SplitBrainDetector {
  public sealed interface Command permits Tick, ReportHeard, ClaimHeard, RouterState, PeerAdvert, Evaluate {}

  private record Tick() implements Command {}

  private record ReportHeard(EchoReading.Report report, long receivedAtNanos) implements Command {}

  private record ClaimHeard(ArpClaim claim) implements Command {}

  /** The router's state and effective priority, sent when they change. */
  public record RouterState(VrrpState state, int priority) implements Command {}

  /** A valid advert for this VRID arrived (from another router: a link never hears its own). */
  public record PeerAdvert(long receivedAtNanos) implements Command {}

  private record Evaluate() implements Command {}

  /** The ICMP identifier of tandem's reports ("td"). */
  private static final int IDENTIFIER = 0x7464;
  /** Evaluated again just after a report runs out, so silence is noticed on time. */
  private static final Duration EXPIRY_MARGIN = Duration.ofMillis(1);

  private final InstanceWiring wiring;
  private final InstanceConfig config;
  private final SplitBrainConfig settings;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final ActorRef<RouterCommand> router;
  private final ActorRef<VipBinder.Command> binder;
  private final ActorRef<InstanceCommand> journal;
  private final LinkHub hub;
  private final Inet4Address ownAddress;
  private final Set<Inet4Address> vips;
  private final String tag;
  private final Map<Inet4Address, HeardReport> reports = new LinkedHashMap<>();
  private final Map<Inet4Address, MacAddress> claims = new LinkedHashMap<>();
  private VrrpState state = VrrpState.INITIALIZE;
  private int priority;
  private OptionalLong lastPeerAdvert = OptionalLong.empty();
  private OptionalLong yieldedAt = OptionalLong.empty();
  private int sequence;

  private SplitBrainDetector(InstanceWiring wiring, SplitBrainConfig settings, ActorContext<Command> context,
      TimerScheduler<Command> timers, ActorRef<RouterCommand> router, ActorRef<VipBinder.Command> binder,
      ActorRef<InstanceCommand> journal) {
    this.wiring = wiring;
    this.config = wiring.config();
    this.settings = settings;
    this.context = context;
    this.timers = timers;
    this.router = router;
    this.binder = binder;
    this.journal = journal;
    this.hub = wiring.hub();
    this.ownAddress = config.unicastSource().orElse(hub.link().primaryAddress());
    this.vips = config.virtualAddresses().stream().map(VirtualAddress::address).collect(Collectors.toSet());
    this.tag = "(" + config.name() + ") ";
    this.priority = config.priority();
  }

  public static Behavior<Command> create(InstanceWiring wiring, SplitBrainConfig settings,
      ActorRef<RouterCommand> router, ActorRef<VipBinder.Command> binder, ActorRef<InstanceCommand> journal) {
    return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
      // Named here: the first log line comes from a message handler, whose class is Pekko's.
      ctx.setLoggerName(SplitBrainDetector.class);
      SplitBrainDetector detector = new SplitBrainDetector(wiring, settings, ctx, timers, router, binder, journal);
      ActorRef<Command> self = ctx.getSelf();
      wiring.hub().registerDetector(wiring.config().virtualRouterId(), new SplitBrainSink() {
        @Override
        public void report(EchoReading.Report report, long receivedAtNanos) {
          self.tell(new ReportHeard(report, receivedAtNanos));
        }

        @Override
        public void claim(ArpClaim claim) {
          self.tell(new ClaimHeard(claim));
        }
      });
      router.tell(new RouterCommand.WatchState(self));
      timers.startTimerWithFixedDelay(new Tick(), settings.interval());
      return detector.behavior();
    }));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Tick.class, t -> {
          sendReports();
          return evaluate();
        })
        .onMessage(ReportHeard.class, this::onReport)
        .onMessage(ClaimHeard.class, this::onClaim)
        .onMessage(RouterState.class, this::onRouterState)
        .onMessage(PeerAdvert.class, advert -> {
          lastPeerAdvert = OptionalLong.of(advert.receivedAtNanos());
          return evaluate();
        })
        .onMessage(Evaluate.class, e -> evaluate())
        .onSignal(PostStop.class, s -> {
          hub.unregisterDetector(config.virtualRouterId());
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onReport(ReportHeard heard) {
    Inet4Address peer = heard.report().source();
    if (!settings.peers().contains(peer)) {
      return Behaviors.same();
    }
    InstanceReport report = heard.report().report();
    HeardReport previous = reports.put(peer, HeardReport.after(reports.get(peer), peer, report,
        heard.receivedAtNanos()));
    boolean peerLeftMaster = previous != null && previous.report().state() == ReportedState.MASTER
        && report.state() != ReportedState.MASTER;
    if (peerLeftMaster && state == VrrpState.MASTER) {
      // The peer answered ARP for the VIPs while it was Master too: point the neighbours back here.
      context.getLog().info("{}peer {} left Master (now {}): announcing the VIPs again", tag, peer.getHostAddress(),
          report.state());
      binder.tell(new VipBinder.RepeatGarp());
    }
    timers.startSingleTimer(peer, new Evaluate(),
        Duration.ofNanos(SplitBrainRules.lifetimeNanos(report)).plus(EXPIRY_MARGIN));
    return evaluate();
  }

  private Behavior<Command> onClaim(ClaimHeard heard) {
    ArpClaim claim = heard.claim();
    if (vips.contains(claim.address()) && !claim.mac().equals(hub.link().mac())) {
      claims.put(claim.address(), claim.mac());
    }
    return Behaviors.same();
  }

  /** A new state is reported at once: the peer should not wait an interval to learn of a takeover. */
  private Behavior<Command> onRouterState(RouterState update) {
    boolean changed = update.state() != state || update.priority() != priority;
    state = update.state();
    priority = update.priority();
    if (changed) {
      sendReports();
    }
    return evaluate();
  }

  private void sendReports() {
    InstanceReport report = new InstanceReport(config.virtualRouterId(), ReportedState.valueOf(state.name()), priority,
        ownAddress, settings.interval().toMillis());
    sequence = (sequence + 1) & 0xFFFF;
    for (Inet4Address peer : settings.peers()) {
      hub.arp().lookup(peer).ifPresent(mac -> hub.send(
          EchoFrame.build(hub.link().mac(), mac, ownAddress, peer, IDENTIFIER, sequence, report)));
    }
  }

  private Behavior<Command> evaluate() {
    long now = wiring.nanoTime().getAsLong();
    SplitBrainSituation situation = new SplitBrainSituation(config.virtualRouterId(), state, priority, ownAddress,
        yieldedAt, List.copyOf(reports.values()), lastPeerAdvert, config.advertInterval().multipliedBy(3),
        Map.copyOf(claims), settings.action() == SplitBrainAction.YIELD);
    SplitBrainVerdict verdict = SplitBrainRules.decide(situation, now);
    if (verdict instanceof SplitBrainVerdict.Yield yield) {
      yieldedAt = OptionalLong.of(now);
      SplitBrainEvidence evidence = yield.evidence();
      context.getLog().warn("{}{}: leaving VRRP ({})", tag, evidence.detail(),
          settings.action() == SplitBrainAction.YIELD ? "until the split brain ends" : "until restarted");
      router.tell(new RouterCommand.SplitBrainYield(true, evidence.detail()));
      journal(true, evidence.detail(), Optional.of(evidence));
    } else if (verdict instanceof SplitBrainVerdict.Resume resume) {
      yieldedAt = OptionalLong.empty();
      String detail = "split brain over: " + resume.reason();
      context.getLog().info("{}{}", tag, detail);
      router.tell(new RouterCommand.SplitBrainYield(false, detail));
      journal(false, detail, Optional.empty());
    }
    return Behaviors.same();
  }

  private void journal(boolean yielded, String detail, Optional<SplitBrainEvidence> evidence) {
    Map<String, String> peerMacs = new TreeMap<>();
    evidence.ifPresent(e -> e.vipClaims().forEach((vip, mac) -> peerMacs.put(vip.getHostAddress(), mac.toString())));
    journal.tell(new InstanceCommand.Record(List.of(new SplitBrainChanged(InstanceEvent.SCHEMA_VERSION,
        wiring.clock().instant(), wiring.node(), config.name(), yielded, detail,
        evidence.map(e -> e.peer().getHostAddress()), evidence.map(e -> e.peerState().name()),
        evidence.map(SplitBrainEvidence::peerPriority), priority, peerMacs)), Optional.empty()));
  }
}
