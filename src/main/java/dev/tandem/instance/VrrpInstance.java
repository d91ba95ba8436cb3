package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.config.ScriptConfig;
import dev.tandem.config.TrackInterface;
import dev.tandem.config.VirtualAddress;
import dev.tandem.vrrp.Tracking;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * One vrrp_instance: a persistent actor whose journal holds the instance's transitions, with its
 * children the {@link VirtualRouter} (the RFC machine and its timers), the advert sender, the advert
 * receiver, the VIP binder, the {@link Notifier}, one {@link HealthChecker} per tracked script and,
 * where configured, the {@link SplitBrainDetector}; the process's interface monitor reports the
 * interfaces it tracks to the router. The router runs from the first moment, recovery
 * or not, and hands each transition (and each change a check makes to its priority or fault set)
 * here to be journaled beside the wire. The first events written in a run are preceded by a start
 * event that carries the state recovered from the journal, so the audit can tell a crash (recovered
 * Master, no stop) from a clean restart.
 *
 * <p>Stop and status never wait for recovery: {@link RouterFirst} hands them to the router.
 *
 * <p>A failed write restarts this actor with backoff and recovers it once the journal is back;
 * the children are kept, so a journal failure never interrupts VRRP.
 */
public final class VrrpInstance extends EventSourcedBehavior<InstanceCommand, InstanceEvent, JournaledState> {
  /** Every event's tag: readers of all instances' events (the fleet replicator) query by it. */
  public static final String TAG = "vrrp";
  /** The VRRP hot path shares the timer thread (see {@link VrrpLoopExecutor}). */
  private static final DispatcherSelector LOOP = DispatcherSelector.fromConfig(VrrpLoopExecutor.DISPATCHER);

  private final ActorRef<RouterCommand> router;
  private final InstanceWiring wiring;
  private final Instant startedAt;
  private boolean startJournaled;

  private VrrpInstance(ActorContext<InstanceCommand> context, InstanceWiring wiring) {
    super(persistenceId(wiring.node(), wiring.config().name()),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2).withStopChildren(false));
    this.wiring = wiring;
    this.startedAt = wiring.clock().instant();
    InstanceConfig config = wiring.config();
    ActorRef<AdvertSender.Command> sender = context.spawn(AdvertSender.create(config, wiring.hub()), "advert-sender", LOOP);
    ActorRef<VipBinder.Command> binder = context.spawn(VipBinder.create(config, wiring.hub(), wiring.addresses()),
        "vip-binder", DispatcherSelector.blocking());
    ActorRef<Notifier.Command> notifier = context.spawn(Notifier.create(config, wiring.notifyRunner(), wiring.mail(), wiring.clock()), "notifier",
        DispatcherSelector.blocking());
    this.router = context.spawn(VirtualRouter.create(wiring, sender, binder, notifier, context.getSelf()), "router", LOOP);
    context.spawn(AdvertReceiver.create(config, wiring.hub(), router), "advert-receiver", LOOP);
    for (int i = 0; i < config.trackScripts().size(); i++) {
      ScriptConfig script = wiring.scripts().get(config.trackScripts().get(i).name());
      context.spawn(HealthChecker.create(script, wiring.checks().apply(script), router),
          "check-" + i, DispatcherSelector.blocking());
    }
    subscribeToInterfaces(wiring, router);
    config.splitBrain().ifPresent(settings -> context.spawn(
        SplitBrainDetector.create(wiring, settings, router, binder, context.getSelf()), "split-brain-detector"));
  }

  /** The monitor's reports for the interfaces this instance tracks go to the router as messages. */
  private static void subscribeToInterfaces(InstanceWiring wiring, ActorRef<RouterCommand> router) {
    Set<String> tracked = Tracking.trackedInterfaces(wiring.config()).stream().map(TrackInterface::name)
        .collect(Collectors.toUnmodifiableSet());
    if (!tracked.isEmpty()) {
      wiring.interfaces().subscribe(state -> {
        if (tracked.contains(state.name())) {
          router.tell(new RouterCommand.InterfaceReported(state));
        }
      });
    }
  }

  public static Behavior<InstanceCommand> create(InstanceWiring wiring) {
    return Behaviors.setup(ctx -> {
      VrrpInstance instance = new VrrpInstance(ctx, wiring);
      return Behaviors.intercept(() -> new RouterFirst(instance.router), instance);
    });
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
    return Set.of(TAG);
  }

  @Override
  public CommandHandler<InstanceCommand, InstanceEvent, JournaledState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(InstanceCommand.Record.class, this::onRecord)
        .build();
  }

  @Override
  public EventHandler<JournaledState, InstanceEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(JournaledState::apply);
  }

  private Effect<InstanceEvent, JournaledState> onRecord(JournaledState recovered, InstanceCommand.Record record) {
    List<InstanceEvent> events = new ArrayList<>();
    if (!startJournaled) {
      InstanceConfig config = wiring.config();
      events.add(new InstanceStarted(InstanceEvent.SCHEMA_VERSION, startedAt, wiring.node(), config.name(),
          recovered.lastState(), recovered.stoppedCleanly(), config.priority(),
          config.virtualAddresses().stream().map(VirtualAddress::cidr).toList()));
      startJournaled = true;
    }
    events.addAll(record.events());
    return Effect().persist(events).thenRun(state -> {
      JournalWriteLatency.observeSince(record.decidedNanos());
      record.journaled().ifPresent(ack -> ack.tell(Done.getInstance()));
    });
  }
}
