package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.config.VirtualAddress;
import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.Health;
import dev.tandem.vrrp.Input;
import dev.tandem.vrrp.Machine;
import dev.tandem.vrrp.RouterParams;
import dev.tandem.vrrp.StateMachine;
import dev.tandem.vrrp.Step;
import dev.tandem.vrrp.Timer;
import dev.tandem.vrrp.Tracking;
import dev.tandem.vrrp.Transition;
import dev.tandem.vrrp.TransitionReason;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.wire.VrrpAdvert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.function.Function;

/**
 * The RFC machine ({@link StateMachine}) of one instance, wired to time and the network: it feeds
 * the machine its inputs, runs the actions on the advert sender, the VIP binder and its timers, and
 * reports each transition to its {@link VrrpInstance} to be journaled. It never waits for the
 * journal: a persistent actor holds back every message while it writes, and VRRP's timing cannot
 * afford that (the first write of a fresh process took 190–770 ms), so the wire goes first and the
 * journal follows.
 */
final class VirtualRouter {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

  private final ActorContext<RouterCommand> context;
  private final RouterTimers timers;
  private final InstanceWiring wiring;
  private final InstanceConfig config;
  private final RouterParams params;
  private final List<String> vips;
  private final String tag;
  private final ActorRef<AdvertSender.Command> sender;
  private final ActorRef<VipBinder.Command> binder;
  private final ActorRef<Notifier.Command> notifier;
  private final ActorRef<InstanceCommand> journal;
  /** What waits for the journal, for status: read from the instance, never waited for. */
  private final Supplier<HeldEvents> held;
  private Machine machine;
  /** The tracked checks and interfaces: what they make of the configured priority and which hold the router in Fault. */
  private Tracking tracking;
  /** Whether the split-brain detector has made this router yield: a fault beside the checks' own. */
  private boolean yielded;
  /** Why the sync group holds this router in Fault (another member is faulty), if it does. */
  private Optional<String> heldByGroup = Optional.empty();
  private Optional<ActorRef<SplitBrainDetector.Command>> detector = Optional.empty();
  private SplitBrainDetector.RouterState toldDetector;
  private AdvertCounters counters = AdvertCounters.none();
  private Optional<LastTransition> lastTransition = Optional.empty();
  /**
   * How long before it was handled the input being handled happened (a timer's due time, an
   * advert's arrival on the link): the timers it arms are shortened by that much.
   */
  private long inputLatenessNanos;

  private VirtualRouter(ActorContext<RouterCommand> context,
      InstanceWiring wiring, ActorRef<AdvertSender.Command> sender, ActorRef<VipBinder.Command> binder,
      ActorRef<Notifier.Command> notifier, ActorRef<InstanceCommand> journal, Supplier<HeldEvents> held) {
    this.context = context;
    this.timers = new RouterTimers(context.getSystem().scheduler(), context.getSelf());
    this.wiring = wiring;
    this.config = wiring.config();
    this.params = new RouterParams(config.version(), config.priority(), config.advertInterval(), config.preempt(),
        config.preemptDelay(), config.unicastSource().orElse(wiring.hub().link().primaryAddress()));
    this.vips = config.virtualAddresses().stream().map(VirtualAddress::cidr).toList();
    this.tag = "(" + config.name() + ") ";
    Rehearsal.ofSteps(params);
    this.sender = sender;
    this.binder = binder;
    this.notifier = notifier;
    this.journal = journal;
    this.held = held;
    this.machine = Machine.initial(params, wiring.nanoTime().getAsLong());
    this.tracking = Tracking.of(config, wiring.scripts());
  }

  /**
   * Starts at once (the RFC Startup event): a recovered state never makes a router Master by itself.
   * The link has been captured since it opened, before the actor system was up: that time counts
   * towards the first Master_Down_Interval.
   */
  static Behavior<RouterCommand> create(InstanceWiring wiring, ActorRef<AdvertSender.Command> sender,
      ActorRef<VipBinder.Command> binder, ActorRef<Notifier.Command> notifier, ActorRef<InstanceCommand> journal,
      Supplier<HeldEvents> held) {
    return Behaviors.setup(ctx -> {
      VirtualRouter router = new VirtualRouter(ctx, wiring, sender, binder, notifier, journal, held);
      wiring.syncGroup().ifPresent(group -> group.tell(new SyncGroup.Join(wiring.config().name(), ctx.getSelf())));
      router.rehearse();
      router.feed(new Input.Startup(wiring.hub().listening()));
      return router.running();
    });
  }

  /**
   * Walks a scratch copy of the machine through a takeover, a preemption and a release, building
   * the events it would journal, and throws it all away: the first real takeover of a fresh process
   * must not wait for these classes to load (measured: the first takeover ran milliseconds late).
   */
  private void rehearse() {
    long now = wiring.nanoTime().getAsLong();
    Machine scratch = Machine.initial(params, now);
    int higher = Math.min(params.priority() + 1, 255);
    for (Input input : List.of(new Input.Startup(Duration.ZERO), new Input.TimerExpired(Timer.MASTER_DOWN),
        new Input.TimerExpired(Timer.ADVER), new Input.AdvertReceived(params.primaryAddress(), 1, config.advertInterval()),
        new Input.AdvertReceived(params.primaryAddress(), higher, config.advertInterval()),
        new Input.AdvertReceived(params.primaryAddress(), 0, config.advertInterval()),
        new Input.TimerExpired(Timer.MASTER_DOWN), new Input.Shutdown())) {
      Step step = StateMachine.step(params, scratch, input, now);
      scratch = step.next();
      step.transition().ifPresent(t -> new StateChanged(InstanceEvent.SCHEMA_VERSION, now(), wiring.node(),
          config.name(), t.from(), t.to(), Cause.of(t.reason(), params.priority(), nanos -> now()), params.priority(), vips));
    }
  }

  /** Every behaviour of the router: its timers end with it. */
  private BehaviorBuilder<RouterCommand> receive() {
    return Behaviors.receive(RouterCommand.class).onSignal(PostStop.class, stop -> {
      timers.cancelAll();
      return Behaviors.same();
    });
  }

  private Behavior<RouterCommand> running() {
    return receive()
        .onMessage(RouterCommand.AdvertArrived.class, this::onAdvert)
        .onMessage(RouterCommand.Announce.class, this::announce)
        .onMessage(RouterCommand.TimerFired.class, this::onTimer)
        .onMessage(RouterCommand.CheckReported.class, this::onTracked)
        .onMessage(RouterCommand.InterfaceReported.class, this::onTracked)
        .onMessage(RouterCommand.GetStatus.class, this::onStatus)
        .onMessage(RouterCommand.Stop.class, this::onStop)
        .onMessage(RouterCommand.SplitBrainYield.class, this::onSplitBrain)
        .onMessage(RouterCommand.SyncDemand.class, demand -> feed(new Input.SyncDemanded(demand.target(), demand.cause())))
        .onMessage(RouterCommand.SyncHold.class, this::onSyncHold)
        .onMessage(RouterCommand.WatchState.class, watch -> {
          detector = Optional.of(watch.detector());
          tellDetector();
          return Behaviors.same();
        })
        .build();
  }

  /** After a stop: the machine is in Initialize; only the end of the stop and status remain. */
  private Behavior<RouterCommand> stopping() {
    return receive()
        .onMessage(RouterCommand.GetStatus.class, this::onStatus)
        .onMessage(RouterCommand.Announce.class, this::announce)
        .onMessage(RouterCommand.Stopped.class, stopped -> {
          stopped.replyTo().tell(Done.getInstance());
          return Behaviors.stopped();
        })
        .build();
  }

  private Behavior<RouterCommand> onAdvert(RouterCommand.AdvertArrived arrived) {
    detector.ifPresent(d -> d.tell(new SplitBrainDetector.PeerAdvert(arrived.receivedAtNanos())));
    return feedAsOf(taken(arrived), arrived.receivedAtNanos());
  }

  /** Counts the advert in and turns it into the machine's input. */
  private Input.AdvertReceived taken(RouterCommand.AdvertArrived arrived) {
    VrrpAdvert advert = arrived.advert().advert();
    counters = counters.received();
    return new Input.AdvertReceived(arrived.advert().source(), advert.priority(),
        Duration.ofMillis(advert.intervalCentis() * 10L));
  }

  private Behavior<RouterCommand> onTimer(RouterCommand.TimerFired fired) {
    return timers.take(fired) ? feedAsOf(new Input.TimerExpired(fired.timer()), fired.dueNanos()) : Behaviors.same();
  }

  /**
   * Feeds an input that happened at {@code happenedAtNanos}; the timers it arms count from then,
   * not from when it was handled. So the Master's adverts keep their rhythm (each advert timer runs
   * from when the previous one was due: lateness does not add up from advert to advert), and
   * Master_Down_Interval runs from the arrival of the last advert, as on the wire.
   */
  private Behavior<RouterCommand> feedAsOf(Input input, long happenedAtNanos) {
    inputLatenessNanos = Math.max(0, wiring.nanoTime().getAsLong() - happenedAtNanos);
    try {
      return feed(input);
    } finally {
      inputLatenessNanos = 0;
    }
  }

  /**
   * A check's or an interface's result: when its verdict moves the effective priority or the fault
   * set, the change is journaled and handed to the machine (a new priority, then Fault entered or
   * left), keepalived's log lines with it.
   */
  private Behavior<RouterCommand> onTracked(TrackedReport report) {
    Tracking before = tracking;
    String name = report.source();
    tracking = tracking.after(name, report.success());
    Health health = tracking.source(name).health();
    if (health == before.source(name).health()) {
      return Behaviors.same();
    }
    String verdict = report.verdict(health);
    context.getLog().info(verdict);
    int from = before.effectivePriority();
    int to = tracking.effectivePriority();
    List<String> faults = tracking.faults();
    if (from == to && faults.equals(before.faults())) {
      return Behaviors.same();
    }
    List<InstanceEvent> events = new ArrayList<>();
    events.add(new HealthChanged(InstanceEvent.SCHEMA_VERSION, now(), wiring.node(), config.name(), name,
        health == Health.HEALTHY, report.detail(), from, to, faults));
    if (from != to) {
      run(step(new Input.PriorityChanged(to, verdict))).ifPresent(events::add);
    }
    boolean wasOwnFault = !before.faults().isEmpty() || yielded;
    boolean wasFaulty = wasOwnFault || heldByGroup.isPresent();
    if (faulty() != wasFaulty) {
      run(step(new Input.FaultChanged(faulty(), verdict))).ifPresent(events::add);
    }
    journal.tell(new InstanceCommand.Record(events, Optional.empty()));
    tellGroupIfChanged(wasOwnFault);
    return Behaviors.same();
  }

  /** The detector's yield is one member of the fault set: a resume does not clear a failing check. */
  private Behavior<RouterCommand> onSplitBrain(RouterCommand.SplitBrainYield yield) {
    boolean wasFaulty = faulty();
    boolean wasOwnFault = ownFault();
    yielded = yield.yielded();
    if (faulty() != wasFaulty) {
      feed(new Input.FaultChanged(faulty(), yield.cause()));
    }
    tellGroupIfChanged(wasOwnFault);
    return Behaviors.same();
  }

  /** The group's hold is one more member of the fault set; this router's own faults are not the group's to clear. */
  private Behavior<RouterCommand> onSyncHold(RouterCommand.SyncHold hold) {
    boolean wasFaulty = faulty();
    heldByGroup = hold.cause();
    return faulty() == wasFaulty ? Behaviors.same()
        : feed(new Input.FaultChanged(faulty(), hold.cause().orElse("sync group released")));
  }

  /** The sync group hears of this router's own faults only: its hold is the group's own echo. */
  private void tellGroupIfChanged(boolean wasOwnFault) {
    if (ownFault() != wasOwnFault) {
      wiring.syncGroup().ifPresent(group -> group.tell(new SyncGroup.MemberFault(config.name(), ownFault())));
    }
  }

  private boolean ownFault() {
    return yielded || !tracking.faults().isEmpty();
  }

  private boolean faulty() {
    return ownFault() || heldByGroup.isPresent();
  }

  private Behavior<RouterCommand> onStatus(RouterCommand.GetStatus get) {
    get.replyTo().tell(new InstanceStatus(config.name(), config.interfaceName(), config.virtualRouterId(),
        machine.state(), config.priority(), machine.effectivePriority(), currentMaster(), vips, lastTransition, counters,
        tracking.sources().stream().map(s -> new ScriptStatus(s.name(), s.health(), s.weight())).toList(), held.get()));
    return Behaviors.same();
  }

  /** This router while it is Master; else the sender of the last advert heard, unless it released (priority 0). */
  private Optional<CurrentMaster> currentMaster() {
    if (machine.state() == VrrpState.MASTER) {
      return Optional.of(new CurrentMaster(params.primaryAddress().getHostAddress(), machine.effectivePriority(), true));
    }
    return machine.lastMaster().filter(m -> m.priority() > 0)
        .map(m -> new CurrentMaster(m.address().getHostAddress(), m.priority(), false));
  }

  /**
   * A plain stop leaves at once; a handover that has begun (a releasing Master) keeps handling
   * adverts and timers until the machine lets go, then stops the same way.
   */
  private Behavior<RouterCommand> onStop(RouterCommand.Stop stop) {
    VrrpState last = machine.state();
    Optional<InstanceEvent> left = run(step(stop.handover() ? new Input.Handover(counters.advertsReceived() > 0) : new Input.Shutdown()));
    return machine.releasing() ? handingOver(stop) : stopped(last, left, stop);
  }

  /** Master keeps the VIPs and answers for them until the new master advertises or the bound passes. */
  private Behavior<RouterCommand> handingOver(RouterCommand.Stop stop) {
    return receive()
        .onMessage(RouterCommand.AdvertArrived.class, arrived -> afterRelease(taken(arrived), stop))
        .onMessage(RouterCommand.Announce.class, this::announce)
        .onMessage(RouterCommand.TimerFired.class,
            fired -> timers.take(fired) ? afterRelease(new Input.TimerExpired(fired.timer()), stop) : Behaviors.same())
        .onMessage(RouterCommand.Stop.class, again -> afterRelease(new Input.Shutdown(), stop))
        .onMessage(RouterCommand.GetStatus.class, this::onStatus)
        .build();
  }

  private Behavior<RouterCommand> afterRelease(Input input, RouterCommand.Stop stop) {
    Optional<InstanceEvent> left = run(step(input));
    return machine.releasing() ? Behaviors.same() : stopped(VrrpState.MASTER, left, stop);
  }

  private Behavior<RouterCommand> stopped(VrrpState last, Optional<InstanceEvent> left, RouterCommand.Stop stop) {
    List<InstanceEvent> events = new ArrayList<>();
    left.ifPresent(events::add);
    notifier.tell(new Notifier.Notify(NotifyState.STOP, machine.effectivePriority()));
    events.add(new InstanceStopped(InstanceEvent.SCHEMA_VERSION, now(), wiring.node(), config.name(), last,
        stop.handover() ? stop.cause() + " with handover" : stop.cause()));
    CompletionStage<Done> journaled = ask(journal, ack -> new InstanceCommand.Record(events, Optional.of(ack)));
    CompletionStage<Done> sent = ask(sender, Drain::new);
    CompletionStage<Done> released = ask(binder, Drain::new);
    CompletionStage<Done> notified = ask(notifier, Drain::new);
    context.pipeToSelf(journaled.thenCombine(sent, (a, b) -> a).thenCombine(released, (a, b) -> a)
            .thenCombine(notified, (a, b) -> a),
        (done, failure) -> new RouterCommand.Stopped(stop.replyTo()));
    return stopping();
  }

  private <T> CompletionStage<Done> ask(ActorRef<T> target, Function<ActorRef<Done>, T> message) {
    return AskPattern.ask(target, message, STOP_TIMEOUT, context.getSystem().scheduler());
  }

  private Behavior<RouterCommand> feed(Input input) {
    run(step(input)).ifPresent(event -> journal.tell(new InstanceCommand.Record(List.of(event), Optional.empty())));
    return Behaviors.same();
  }

  private Step step(Input input) {
    // As of when the input happened: an advert is heard at its arrival, not when it was handled.
    Step step = StateMachine.step(params, machine, input, wiring.nanoTime().getAsLong() - inputLatenessNanos);
    machine = step.next();
    tellDetector();
    return step;
  }

  /** The detector reports this router's state and priority to its peers: it hears of every change. */
  private void tellDetector() {
    if (detector.isEmpty()) {
      return;
    }
    SplitBrainDetector.RouterState now = new SplitBrainDetector.RouterState(machine.state(), machine.effectivePriority());
    if (!now.equals(toldDetector)) {
      toldDetector = now;
      detector.get().tell(now);
    }
  }

  /**
   * Runs the step's actions at once and returns the event for its transition, if any. Timers are
   * set before anything leaves the actor, so that whoever sees an advert (a peer, a test driving
   * manual time) can rely on the next timer being armed already. What the step tells others (log
   * lines, notify scripts, the sync group) is announced in a message of its own: the loop runs one
   * message per actor at a time, so the advert sender's turn comes first, and the advert does not
   * wait for log formatting and the rest, rarely run and so not compiled (1.6 ms measured).
   */
  private Optional<InstanceEvent> run(Step step) {
    perform(step.actions(), true);
    perform(step.actions(), false);
    List<String> lines = new ArrayList<>();
    step.note().ifPresent(lines::add);
    Optional<InstanceEvent> event = step.transition().map(transition -> record(transition, lines));
    if (!lines.isEmpty()) {
      context.getSelf().tell(new RouterCommand.Announce(lines, step.transition(), machine.effectivePriority()));
    }
    return event;
  }

  private Behavior<RouterCommand> announce(RouterCommand.Announce announce) {
    announce.lines().forEach(line -> context.getLog().info("{}{}", tag, line));
    announce.moved().ifPresent(transition -> {
      NotifyState.entering(transition.to())
          .ifPresent(state -> notifier.tell(new Notifier.Notify(state, announce.priority())));
      wiring.syncGroup().ifPresent(group -> group.tell(new SyncGroup.MemberMoved(config.name(), transition)));
    });
    return Behaviors.same();
  }

  /** The timer actions, or the others. A loop, not a stream: it runs for every advert, and garbage brings the next pause. */
  private void perform(List<Action> actions, boolean timerActions) {
    for (Action action : actions) {
      if (isTimerAction(action) == timerActions) {
        perform(action);
      }
    }
  }

  private static boolean isTimerAction(Action action) {
    return action instanceof Action.ArmTimer || action instanceof Action.CancelTimer;
  }

  private void perform(Action action) {
    if (action instanceof Action.SendAdvert send) {
      counters = counters.sent();
      sender.tell(new AdvertSender.Send(send.priority()));
    } else if (action instanceof Action.ArmTimer arm) {
      long delay = Math.max(0, arm.delay().toNanos() - inputLatenessNanos);
      timers.arm(arm.timer(), Duration.ofNanos(delay), wiring.nanoTime().getAsLong() + delay);
    } else if (action instanceof Action.CancelTimer cancel) {
      timers.cancel(cancel.timer());
    } else if (action instanceof Action.TakeAddresses) {
      binder.tell(new VipBinder.Take());
    } else if (action instanceof Action.ReleaseAddresses release) {
      binder.tell(new VipBinder.Release(release.after()));
    }
  }

  /** The transition's event; its log lines go to {@code lines}. */
  private InstanceEvent record(Transition transition, List<String> lines) {
    long nowNanos = wiring.nanoTime().getAsLong();
    Instant now = now();
    Cause cause = Cause.of(transition.reason(), machine.effectivePriority(), nanos -> now.minusNanos(nowNanos - nanos));
    counters = counters.transition(transition.to() == VrrpState.MASTER, transition.from() == VrrpState.MASTER);
    lastTransition = Optional.of(new LastTransition(transition.from(), transition.to(), now, cause.kind(), cause.detail()));
    if (!(transition.reason() instanceof TransitionReason.Startup)) {
      lines.add(cause.detail());
    }
    lines.add("Entering " + transition.to() + " STATE"
        + (transition.reason() instanceof TransitionReason.Startup ? " (init)" : ""));
    return new StateChanged(InstanceEvent.SCHEMA_VERSION, now, wiring.node(), config.name(), transition.from(),
        transition.to(), cause, machine.effectivePriority(), vips);
  }

  private Instant now() {
    return wiring.clock().instant();
  }
}
