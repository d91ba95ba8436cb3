package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.config.VirtualAddress;
import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.Input;
import dev.tandem.vrrp.Machine;
import dev.tandem.vrrp.RouterParams;
import dev.tandem.vrrp.StateMachine;
import dev.tandem.vrrp.Step;
import dev.tandem.vrrp.Transition;
import dev.tandem.vrrp.TransitionReason;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.wire.VrrpAdvert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One vrrp_instance. The RFC machine ({@link StateMachine}) decides; this actor runs its actions on
 * the children and timers and journals each transition. The wire comes first: the actions go out
 * in the same step that decides, and the event is persisted beside them, never in front.
 *
 * <p>The RFC variables live in {@link #machine}, not in the journaled state: after recovery (a
 * process start, or a restart after a journal failure) the instance always re-enters Initialize,
 * so a recovered Master never claims the addresses by itself.
 */
public final class VrrpInstance extends EventSourcedBehavior<InstanceCommand, InstanceEvent, JournaledState> {
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);

  private final ActorContext<InstanceCommand> context;
  private final TimerScheduler<InstanceCommand> timers;
  private final InstanceWiring wiring;
  private final InstanceConfig config;
  private final RouterParams params;
  private final List<String> vips;
  private final String tag;
  private final ActorRef<AdvertSender.Command> sender;
  private final ActorRef<VipBinder.Command> binder;
  private Machine machine;
  private boolean stopping;
  private long advertsReceived;

  private VrrpInstance(ActorContext<InstanceCommand> context, TimerScheduler<InstanceCommand> timers, InstanceWiring wiring) {
    super(persistenceId(wiring.node(), wiring.config().name()),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.timers = timers;
    this.wiring = wiring;
    this.config = wiring.config();
    this.params = new RouterParams(config.version(), config.priority(), config.advertInterval(), config.preempt(),
        config.preemptDelay(), config.unicastSource().orElse(wiring.hub().link().primaryAddress()));
    this.vips = config.virtualAddresses().stream().map(VirtualAddress::cidr).toList();
    this.tag = "(" + config.name() + ") ";
    this.sender = context.spawn(AdvertSender.create(config, wiring.hub()), "advert-sender");
    this.binder = context.spawn(VipBinder.create(config, wiring.hub(), wiring.addresses()), "vip-binder",
        DispatcherSelector.blocking());
    context.spawn(AdvertReceiver.create(config, wiring.hub(), context.getSelf()), "advert-receiver");
  }

  public static Behavior<InstanceCommand> create(InstanceWiring wiring) {
    return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> new VrrpInstance(ctx, timers, wiring)));
  }

  /** {@code vrrp|<node>|<instance>}: the node id keeps two hosts with the same router_id apart. */
  public static PersistenceId persistenceId(String node, String instance) {
    return PersistenceId.ofUniqueId("vrrp|" + node + "|" + instance);
  }

  @Override
  public JournaledState emptyState() {
    return JournaledState.empty();
  }

  @Override
  public Set<String> tagsFor(InstanceEvent event) {
    return Set.of("vrrp");
  }

  @Override
  public SignalHandler<JournaledState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          timers.cancelAll();
          machine = Machine.initial(params, wiring.nanoTime().getAsLong());
          stopping = false;
          context.getSelf().tell(new InstanceCommand.Start());
        })
        .build();
  }

  @Override
  public CommandHandler<InstanceCommand, InstanceEvent, JournaledState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(InstanceCommand.Start.class, (state, cmd) -> onStart(state))
        .onCommand(InstanceCommand.AdvertArrived.class, (state, cmd) -> onAdvert(cmd))
        .onCommand(InstanceCommand.TimerFired.class, (state, cmd) -> feed(new Input.TimerExpired(cmd.timer())))
        .onCommand(InstanceCommand.Stop.class, (state, cmd) -> onStop(cmd))
        .onCommand(InstanceCommand.GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            new InstanceStatus(config.name(), machine.state(), machine.effectivePriority(), advertsReceived,
                machine.lastMaster())))
        .onCommand(InstanceCommand.ChildrenDrained.class,
            (state, cmd) -> Effect().stop().thenRun(s -> cmd.replyTo().tell(Done.getInstance())))
        .build();
  }

  @Override
  public EventHandler<JournaledState, InstanceEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(JournaledState::apply);
  }

  private Effect<InstanceEvent, JournaledState> onStart(JournaledState recovered) {
    InstanceStarted started = new InstanceStarted(InstanceEvent.SCHEMA_VERSION, now(), wiring.node(), config.name(),
        recovered.lastState(), recovered.stoppedCleanly(), config.priority(), vips);
    List<InstanceEvent> events = new ArrayList<>(List.of(started));
    run(step(new Input.Startup())).ifPresent(events::add);
    return Effect().persist(events);
  }

  private Effect<InstanceEvent, JournaledState> onAdvert(InstanceCommand.AdvertArrived cmd) {
    VrrpAdvert advert = cmd.advert().advert();
    advertsReceived++;
    return feed(new Input.AdvertReceived(cmd.advert().source(), advert.priority(),
        Duration.ofMillis(advert.intervalCentis() * 10L)));
  }

  private Effect<InstanceEvent, JournaledState> onStop(InstanceCommand.Stop cmd) {
    if (stopping) {
      return Effect().none();
    }
    stopping = true;
    List<InstanceEvent> events = new ArrayList<>();
    VrrpState last = machine.state();
    run(step(new Input.Shutdown())).ifPresent(events::add);
    events.add(new InstanceStopped(InstanceEvent.SCHEMA_VERSION, now(), wiring.node(), config.name(), last, "operator stop"));
    return Effect().persist(events).thenRun(s -> drainChildren(cmd.replyTo()));
  }

  private Effect<InstanceEvent, JournaledState> feed(Input input) {
    if (stopping) {
      return Effect().none();
    }
    return run(step(input)).<Effect<InstanceEvent, JournaledState>>map(e -> Effect().persist(e)).orElseGet(() -> Effect().none());
  }

  private Step step(Input input) {
    long nowNanos = wiring.nanoTime().getAsLong();
    Step step = StateMachine.step(params, machine, input, nowNanos);
    machine = step.next();
    return step;
  }

  /**
   * Runs the step's actions at once and returns the event to journal for its transition, if any.
   * Timers are set before anything leaves the actor, so that whoever sees an advert (a peer, a test
   * driving manual time) can rely on the next timer being armed already.
   */
  private Optional<InstanceEvent> run(Step step) {
    step.note().ifPresent(note -> context.getLog().info("{}{}", tag, note));
    step.actions().stream().filter(VrrpInstance::isTimerAction).forEach(this::perform);
    step.actions().stream().filter(a -> !isTimerAction(a)).forEach(this::perform);
    return step.transition().map(this::record);
  }

  private static boolean isTimerAction(Action action) {
    return action instanceof Action.ArmTimer || action instanceof Action.CancelTimer;
  }

  private void perform(Action action) {
    if (action instanceof Action.SendAdvert send) {
      sender.tell(new AdvertSender.Send(send.priority()));
    } else if (action instanceof Action.ArmTimer arm) {
      timers.startSingleTimer(arm.timer(), new InstanceCommand.TimerFired(arm.timer()), arm.delay());
    } else if (action instanceof Action.CancelTimer cancel) {
      timers.cancel(cancel.timer());
    } else if (action instanceof Action.TakeAddresses) {
      binder.tell(new VipBinder.Take());
    } else if (action instanceof Action.ReleaseAddresses) {
      binder.tell(new VipBinder.Release());
    }
  }

  private InstanceEvent record(Transition transition) {
    long nowNanos = wiring.nanoTime().getAsLong();
    Instant now = now();
    Cause cause = Cause.of(transition.reason(), machine.effectivePriority(), nanos -> now.minusNanos(nowNanos - nanos));
    if (!(transition.reason() instanceof TransitionReason.Startup)) {
      context.getLog().info("{}{}", tag, cause.detail());
    }
    context.getLog().info("{}Entering {} STATE{}", tag, transition.to(),
        transition.reason() instanceof TransitionReason.Startup ? " (init)" : "");
    return new StateChanged(InstanceEvent.SCHEMA_VERSION, now, wiring.node(), config.name(), transition.from(),
        transition.to(), cause, machine.effectivePriority(), vips);
  }

  private void drainChildren(ActorRef<Done> replyTo) {
    CompletionStage<Done> sent = AskPattern.ask(sender, Drain::new, DRAIN_TIMEOUT, context.getSystem().scheduler());
    CompletionStage<Done> released = AskPattern.ask(binder, Drain::new, DRAIN_TIMEOUT, context.getSystem().scheduler());
    context.pipeToSelf(sent.thenCombine(released, (a, b) -> Done.getInstance()),
        (done, failure) -> new InstanceCommand.ChildrenDrained(replyTo));
  }

  private Instant now() {
    return wiring.clock().instant();
  }
}
