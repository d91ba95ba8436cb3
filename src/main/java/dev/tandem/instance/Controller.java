package dev.tandem.instance;

import dev.tandem.config.ConfigDiff;
import dev.tandem.config.ControllerConfig;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.SyncGroupConfig;
import dev.tandem.health.HealthChecks;
import dev.tandem.health.HostUsers;
import dev.tandem.health.ScriptProcess;
import dev.tandem.net.AddressTable;
import dev.tandem.net.InterfaceMonitor;
import dev.tandem.net.LinkHub;
import dev.tandem.wire.DiscardReason;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * The guardian: one {@link VrrpInstance} per configured instance, all stopped together on shutdown.
 * It is created before the links are open (the actor system and the links start side by side) and
 * spawns the instances when {@link Start} brings them. A {@link Reload} leaves the instances whose
 * settings did not change alone (same actor, same timers: their adverts keep their rhythm), stops
 * the changed and removed ones the way a shutdown does, and once they have ended starts the changed
 * and new ones; messages that arrive meanwhile wait their turn.
 */
public final class Controller {
  public sealed interface Command permits Start, Reload, GetStatus, GetInstanceStatus, Shutdown, InstancesStopped,
      Retired, Ended {}

  /**
   * The links (one started hub per interface the instances use), the host's address table and its
   * monitor of interface states.
   */
  public record Start(Map<String, LinkHub> hubs, AddressTable addresses, InterfaceMonitor interfaces)
      implements Command {}

  /**
   * Run {@code config} from now on; {@code hubs} hold a started hub for every interface it uses.
   * {@code replyTo} hears what was done, or the refusals when nothing was.
   */
  public record Reload(ControllerConfig config, Map<String, LinkHub> hubs, ActorRef<ConfigDiff> replyTo)
      implements Command {}

  /**
   * The status of every instance that answers within {@code perInstance}; the reply comes from the
   * instances' answers, so the asker may block on it without holding up any actor.
   */
  public record GetStatus(Duration perInstance, ActorRef<ControllerStatus> replyTo) implements Command {}

  /** The status of the running instance {@code instance}; no answer when there is none by that name. */
  public record GetInstanceStatus(String instance, ActorRef<InstanceStatus> replyTo) implements Command {}

  /**
   * Stop every instance gracefully (priority-0 adverts, VIPs released, journaled), then stop; with
   * {@code handover} each Master that has heard another router first waits for its successor's advert.
   */
  public record Shutdown(ActorRef<Done> replyTo, boolean handover) implements Command {}

  record InstancesStopped(ActorRef<Done> replyTo) implements Command {}

  /** A reload's stop of this instance is done (or timed out): the actor can go. */
  record Retired(String name) implements Command {}

  /** The actor of this instance has ended: its name and persistence id are free again. */
  record Ended(String name) implements Command {}

  /**
   * Bounds one instance's stop: a handover waits at most one Master_Down_Interval (4 s with 1 s
   * adverts; v2 allows up to 255 s adverts, but such a stop would outlast any service manager's
   * patience anyway), then the journal and the VIP release follow.
   */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int STASH_CAPACITY = 100;

  private final ActorContext<Command> context;
  private final StashBuffer<Command> stash;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Map<String, ActorRef<InstanceCommand>> instances = new LinkedHashMap<>();
  private ControllerConfig config;
  private Map<String, LinkHub> hubs;
  private AddressTable addresses;
  private InterfaceMonitor interfaces;
  /** One {@link SyncGroup} per vrrp_sync_group of the configuration started with, by member instance. */
  private Map<String, ActorRef<SyncGroup.Command>> syncGroups = Map.of();

  private Controller(ActorContext<Command> context, StashBuffer<Command> stash, ControllerConfig config, Clock clock,
      LongSupplier nanoTime) {
    this.context = context;
    this.stash = stash;
    this.config = config;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  public static Behavior<Command> create(ControllerConfig config, Clock clock, LongSupplier nanoTime) {
    return Behaviors.withStash(STASH_CAPACITY, stash -> Behaviors.setup(
        ctx -> new Controller(ctx, stash, config, clock, nanoTime).waiting()));
  }

  private Behavior<Command> waiting() {
    return Behaviors.receive(Command.class)
        .onMessage(Start.class, start -> {
          hubs = start.hubs();
          addresses = start.addresses();
          interfaces = start.interfaces();
          syncGroups = spawnSyncGroups();
          config.instances().forEach(this::spawn);
          return stash.unstashAll(running());
        })
        .onMessage(Reload.class, this::later)
        .onMessage(GetStatus.class, get -> {
          get.replyTo().tell(new ControllerStatus(config.global().nodeId(), List.of(), Map.of()));
          return Behaviors.same();
        })
        .onMessage(Shutdown.class, s -> {
          s.replyTo().tell(Done.getInstance());
          return Behaviors.stopped();
        })
        .build();
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(Reload.class, this::reload)
        .onMessage(GetStatus.class, this::status)
        .onMessage(GetInstanceStatus.class, this::instanceStatus)
        .onMessage(Shutdown.class, s -> {
          CompletableFuture<?>[] stops = instances.values().stream()
              .map(i -> stop(i, s.handover(), "operator stop").toCompletableFuture())
              .toArray(CompletableFuture[]::new);
          context.pipeToSelf(CompletableFuture.allOf(stops), (ok, failure) -> new InstancesStopped(s.replyTo()));
          return Behaviors.same();
        })
        .onMessage(InstancesStopped.class, s -> {
          s.replyTo().tell(Done.getInstance());
          return Behaviors.stopped();
        })
        .build();
  }

  private Behavior<Command> reload(Reload reload) {
    ConfigDiff diff = ConfigDiff.between(config, reload.config());
    if (diff.refused()) {
      diff.refusals().forEach(refusal -> context.getLog().warn("Reload refused: {}; running on unchanged", refusal));
      reload.replyTo().tell(diff);
      return Behaviors.same();
    }
    Set<String> ending = new HashSet<>();
    Stream.concat(diff.restarted().stream(), diff.removed().stream()).forEach(instance -> {
      boolean removed = diff.removed().contains(instance);
      context.getLog().info("({}) {}", instance.name(), removed ? "removed by reload" : "changed: restarting");
      ActorRef<InstanceCommand> ref = instances.get(instance.name());
      context.watchWith(ref, new Ended(instance.name()));
      context.pipeToSelf(stop(ref, false, removed ? "removed by reload" : "restarted by reload: settings changed"),
          (done, failure) -> new Retired(instance.name()));
      ending.add(instance.name());
    });
    return ending.isEmpty() ? finish(reload, diff) : ending(reload, diff, ending);
  }

  /** Until every stopped instance has ended; the replacements must not share a persistence id with a live actor. */
  private Behavior<Command> ending(Reload reload, ConfigDiff diff, Set<String> ending) {
    return Behaviors.receive(Command.class)
        .onMessage(Retired.class, retired -> {
          // Absent when the actor ended before its stop was answered.
          Optional.ofNullable(instances.get(retired.name())).ifPresent(context::stop);
          return Behaviors.same();
        })
        .onMessage(GetStatus.class, this::status)
        .onMessage(GetInstanceStatus.class, this::instanceStatus)
        .onMessage(Ended.class, ended -> {
          instances.remove(ended.name());
          ending.remove(ended.name());
          return ending.isEmpty() ? finish(reload, diff) : Behaviors.same();
        })
        .onMessage(Reload.class, this::later)
        .onMessage(Shutdown.class, this::later)
        .build();
  }

  private Behavior<Command> finish(Reload reload, ConfigDiff diff) {
    config = reload.config();
    hubs = reload.hubs();
    diff.restarted().forEach(this::spawn);
    diff.added().forEach(instance -> {
      context.getLog().info("({}) added by reload", instance.name());
      spawn(instance);
    });
    context.getLog().info("Reload finished: {}", diff.summary());
    reload.replyTo().tell(diff);
    return stash.unstashAll(running());
  }

  private Behavior<Command> instanceStatus(GetInstanceStatus get) {
    Optional.ofNullable(instances.get(get.instance()))
        .ifPresent(instance -> instance.tell(new InstanceCommand.GetStatus(get.replyTo())));
    return Behaviors.same();
  }

  /** Asks every instance at once; one that does not answer in time is left out rather than failing the rest. */
  private Behavior<Command> status(GetStatus get) {
    List<CompletableFuture<Optional<InstanceStatus>>> asks = instances.values().stream()
        .map(i -> AskPattern.<InstanceCommand, InstanceStatus>ask(i, InstanceCommand.GetStatus::new, get.perInstance(),
                context.getSystem().scheduler())
            .toCompletableFuture().handle((status, failure) -> Optional.ofNullable(status)))
        .toList();
    Map<String, Map<DiscardReason, Long>> invalid = new TreeMap<>();
    hubs.forEach((name, hub) -> invalid.put(name, hub.discards()));
    String node = config.global().nodeId();
    CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenRun(() -> get.replyTo().tell(
        new ControllerStatus(node, asks.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList(),
            invalid)));
    return Behaviors.same();
  }

  private Behavior<Command> later(Command command) {
    stash.stash(command);
    return Behaviors.same();
  }

  private CompletionStage<Done> stop(ActorRef<InstanceCommand> instance, boolean handover, String cause) {
    return AskPattern.ask(instance, replyTo -> new InstanceCommand.Stop(replyTo, handover, cause), STOP_TIMEOUT,
        context.getSystem().scheduler());
  }

  private void spawn(InstanceConfig instance) {
    instances.put(instance.name(), context.spawn(VrrpInstance.create(wiring(instance)), "instance-" + instance.name()));
  }

  /** On the VRRP loop, as the routers whose transitions they relay. */
  private Map<String, ActorRef<SyncGroup.Command>> spawnSyncGroups() {
    Map<String, ActorRef<SyncGroup.Command>> byInstance = new HashMap<>();
    for (SyncGroupConfig group : config.syncGroups()) {
      ActorRef<SyncGroup.Command> ref = context.spawn(SyncGroup.create(group), "sync-group-" + group.name(),
          DispatcherSelector.fromConfig(VrrpLoopExecutor.DISPATCHER));
      group.instances().forEach(instance -> byInstance.put(instance, ref));
    }
    return byInstance;
  }

  private InstanceWiring wiring(InstanceConfig instance) {
    Optional<MailAlerts> mail = MailAlerts.of(config.global(), System.getProperty("user.name") + "@"
        + config.global().nodeId());
    return new InstanceWiring(instance, config.global().nodeId(), hubs.get(instance.interfaceName()), addresses, clock,
        nanoTime, config.scripts(), new HealthChecks(config.global(), HostUsers.system())::of, ScriptProcess::run,
        interfaces, Optional.ofNullable(syncGroups.get(instance.name())), mail);
  }
}
