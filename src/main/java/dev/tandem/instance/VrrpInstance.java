package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.config.ScriptConfig;
import dev.tandem.config.TrackInterface;
import dev.tandem.config.VirtualAddress;
import dev.tandem.vrrp.Tracking;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.JournalPersistFailed;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;

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
 * <p>The journal can fail: a full disk, a file system gone read-only. Every event handed over is
 * first held in a {@link JournalBacklog} (by {@link RouterFirst}, outside this actor's restarts)
 * and let go only once written, so nothing is lost while the journal is down (up to the backlog's
 * capacity). A failed write restarts this actor with backoff (200 ms doubling to 5 s) and recovers
 * it once the journal answers again; the children are kept, so VRRP never notices. One error line
 * per outage, one line when the held events are written.
 *
 * <p>What H2 does (measured, H2 2.3.232 on a small tmpfs, {@link dev.tandem.app.JournalDatabase}'s
 * URL): on a full disk the write fails within 20-70 ms ("MVStoreException: Writing to ... failed")
 * and H2 closes the database; its open connections then fail at once ("The database has been
 * closed"), AUTO_RECONNECT does not reopen an embedded database, and a new connection fails while
 * the disk is full ("Could not save properties tandem.lock.db"). Once space returns, a new
 * connection reopens the file (the first took 3-4 s). H2 does not recover by itself: the pool's
 * connections to the closed database pass its JDBC4 validity check and fail every statement forever,
 * so the pool validates with a query instead (runtime.conf), drops them, and the restarted actor's
 * recovery gets a new connection: journaling resumes without restarting tandem (measured in
 * JournalFailureIT: persist failed 38-240 ms after the transition, journaling resumed ~3.5 s after
 * the space was freed). Read-only: a file system cannot be remounted read-only while H2 has the
 * file open (EBUSY, tried); when the kernel forces it (errors=remount-ro, not tried here) writes
 * fail as on a full disk. Opening on a read-only file system fails at once ("Feature not
 * supported: AUTO_SERVER=TRUE && readOnly"), so H2 never runs read-only and no connection is left
 * stuck in read-only mode; after a remount read-write, a new connection works (tried).
 */
public final class VrrpInstance extends EventSourcedBehavior<InstanceCommand, InstanceEvent, JournaledState> {
  /** Every event's tag: readers of all instances' events (the fleet replicator) query by it. */
  public static final String TAG = "vrrp";
  /** The VRRP hot path shares the timer thread (see {@link VrrpLoopExecutor}). */
  private static final DispatcherSelector LOOP = DispatcherSelector.fromConfig(VrrpLoopExecutor.DISPATCHER);
  /** The binders' own thread (runtime.conf): a router's tell never waits for a pool to create one. */
  private static final DispatcherSelector BINDER = DispatcherSelector.fromConfig("tandem-vip-binder");

  /** Events held while the journal cannot be written: minutes of a flapping instance, a bounded heap. */
  static final int HELD_CAPACITY = 10_000;
  /** Events per write when the backlog is written out. */
  private static final int WRITE_BATCH = 500;

  private final ActorRef<RouterCommand> router;
  private final ActorRef<InstanceCommand> self;
  private final Logger log;
  private final String tag;
  private final InstanceWiring wiring;
  private final Instant startedAt;
  private final JournalBacklog backlog = new JournalBacklog(HELD_CAPACITY);
  /** Whether this run's start event is in the backlog (built at the first recovery, from what it recovered). */
  private boolean startHeld;
  /** Whether the journal is failing: an outage is logged once, at its first failure. */
  private boolean failing;
  /** Held events written since the outage began, for the line that ends it. */
  private int writtenSinceFailure;

  private VrrpInstance(ActorContext<InstanceCommand> context, InstanceWiring wiring) {
    super(persistenceId(wiring.node(), wiring.config().name()),
            // The signal handler logs each outage once; the supervisor's own line would repeat at every retry.
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2).withStopChildren(false)
            .withLoggingEnabled(false));
    this.wiring = wiring;
    this.self = context.getSelf();
    this.log = context.getLog();
    this.tag = "(" + wiring.config().name() + ") ";
    this.startedAt = wiring.clock().instant();
    InstanceConfig config = wiring.config();
    ActorRef<AdvertSender.Command> sender = context.spawn(AdvertSender.create(config, wiring.hub()), "advert-sender", LOOP);
    ActorRef<VipBinder.Command> binder = context.spawn(VipBinder.create(config, wiring.hub(), wiring.addresses()),
        "vip-binder", BINDER);
    ActorRef<Notifier.Command> notifier = context.spawn(Notifier.create(config, wiring.notifyRunner(), wiring.mail(), wiring.clock()), "notifier",
        DispatcherSelector.blocking());
    this.router = context.spawn(VirtualRouter.create(wiring, sender, binder, notifier, context.getSelf(), backlog::counts),
        "router", LOOP);
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
      return Behaviors.intercept(() -> new RouterFirst(instance.router, instance.backlog), instance);
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
        .onCommand(InstanceCommand.WriteHeld.class, this::writeHeld)
        .build();
  }

  @Override
  public EventHandler<JournaledState, InstanceEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(JournaledState::apply);
  }

  @Override
  public SignalHandler<JournaledState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::recovered)
        .onSignal(JournalPersistFailed.class, (state, failed) -> failed(failed.getFailure()))
        .onSignal(RecoveryFailed.class, (state, failed) -> failed(failed.getFailure()))
        .onSignal(PostStop.instance(), state -> {
          if (!backlog.isEmpty()) {
            log.error("{}stopping with {} event(s) the journal never took: they are lost", tag, backlog.size());
          }
        })
        .build();
  }

  /**
   * The run's start event goes first, carrying the state recovered before anything of this run was
   * written; held events the journal already has are let go; the rest is written.
   */
  private void recovered(JournaledState state) {
    if (!startHeld) {
      InstanceConfig config = wiring.config();
      backlog.addFirst(new InstanceStarted(InstanceEvent.SCHEMA_VERSION, startedAt, wiring.node(), config.name(),
          state.lastState(), state.stoppedCleanly(), config.priority(),
          config.virtualAddresses().stream().map(VirtualAddress::cidr).toList()));
      startHeld = true;
    }
    state.last().ifPresent(backlog::writtenThrough);
    self.tell(new InstanceCommand.WriteHeld());
  }

  private void failed(Throwable failure) {
    if (!failing) {
      failing = true;
      log.error("{}journal write failed: {}; VRRP carries on, {} event(s) held until the journal is back", tag,
          reason(failure), backlog.size());
    } else {
      log.debug("{}journal still failing: {}", tag, reason(failure));
    }
  }

  /** The innermost cause says what went wrong (Pekko's and the JDBC layers' wrappers only say where). */
  private static String reason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private Effect<InstanceEvent, JournaledState> writeHeld(JournaledState state, InstanceCommand.WriteHeld write) {
    if (backlog.isEmpty()) {
      return Effect().none();
    }
    List<InstanceEvent> batch = backlog.front(WRITE_BATCH);
    return Effect().persist(batch).thenRun(written -> written(batch.size()));
  }

  private void written(int count) {
    backlog.written(count);
    if (failing) {
      writtenSinceFailure += count;
    }
    if (!backlog.isEmpty()) {
      self.tell(new InstanceCommand.WriteHeld());
    } else if (failing) {
      HeldEvents counts = backlog.counts();
      log.warn("{}journal writable again: wrote {} held event(s){}", tag, writtenSinceFailure,
          counts.dropped() == 0 ? "" : "; " + counts.dropped() + " older event(s) dropped in all (more than "
              + HELD_CAPACITY + " held)");
      failing = false;
      writtenSinceFailure = 0;
    }
  }
}
