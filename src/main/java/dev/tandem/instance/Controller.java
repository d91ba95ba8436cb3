package dev.tandem.instance;

import dev.tandem.config.ControllerConfig;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.SyncGroupConfig;
import dev.tandem.health.HealthChecks;
import dev.tandem.health.HostUsers;
import dev.tandem.net.AddressTable;
import dev.tandem.net.InterfaceMonitor;
import dev.tandem.net.LinkHub;
import dev.tandem.wire.DiscardReason;
import dev.tandem.health.ScriptProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The guardian: one {@link VrrpInstance} per configured instance, all stopped together on shutdown.
 * It is created before the links are open (the actor system and the links start side by side) and
 * spawns the instances when {@link Start} brings them.
 */
public final class Controller {
  public sealed interface Command permits Start, Shutdown, GetStatus, InstancesStopped {}

  /**
   * The links (one started hub per interface the instances use), the host's address table and the
   * monitor of interface states all instances share.
   */
  public record Start(Map<String, LinkHub> hubs, AddressTable addresses, InterfaceMonitor interfaces)
      implements Command {}

  /**
   * Stop every instance gracefully (priority-0 adverts, VIPs released, journaled), then stop; with
   * {@code handover} each Master that has heard another router first waits for its successor's advert.
   */
  public record Shutdown(ActorRef<Done> replyTo, boolean handover) implements Command {}

  /**
   * The status of every instance that answers within {@code perInstance}; the reply comes from the
   * instances' answers, so the asker may block on it without holding up any actor.
   */
  public record GetStatus(Duration perInstance, ActorRef<ControllerStatus> replyTo) implements Command {}

  record InstancesStopped(ActorRef<Done> replyTo) implements Command {}

  /**
   * Bounds one instance's stop: a handover waits at most one Master_Down_Interval (4 s with 1 s
   * adverts; v2 allows up to 255 s adverts, but such a stop would outlast any service manager's
   * patience anyway), then the journal and the VIP release follow.
   */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private Controller() {}

  public static Behavior<Command> create(ControllerConfig config, Clock clock, LongSupplier nanoTime) {
    return Behaviors.setup(ctx -> Behaviors.receive(Command.class)
        .onMessage(Start.class, start -> {
          Map<String, ActorRef<SyncGroup.Command>> groups = syncGroups(ctx, config);
          Optional<MailAlerts> mail = MailAlerts.of(config.global(), System.getProperty("user.name") + "@"
              + config.global().nodeId());
          return running(ctx, config.global().nodeId(), start.hubs(), config.instances().stream()
              .map(i -> ctx.spawn(VrrpInstance.create(wiring(config, i, start, clock, nanoTime,
                  Optional.ofNullable(groups.get(i.name())), mail)), "instance-" + i.name()))
              .toList());
        })
        .onMessage(GetStatus.class, get -> {
          get.replyTo().tell(new ControllerStatus(config.global().nodeId(), List.of(), Map.of()));
          return Behaviors.same();
        })
        .onMessage(Shutdown.class, s -> {
          s.replyTo().tell(Done.getInstance());
          return Behaviors.stopped();
        })
        .build());
  }

  private static Behavior<Command> running(ActorContext<Command> ctx, String node, Map<String, LinkHub> hubs,
      List<ActorRef<InstanceCommand>> instances) {
    return Behaviors.receive(Command.class)
        .onMessage(GetStatus.class, get -> {
          replyStatus(ctx, node, hubs, instances, get);
          return Behaviors.same();
        })
        .onMessage(Shutdown.class, s -> {
          CompletableFuture<?>[] stops = instances.stream()
              .map(i -> AskPattern.<InstanceCommand, Done>ask(i, replyTo -> new InstanceCommand.Stop(replyTo, s.handover()), STOP_TIMEOUT,
                  ctx.getSystem().scheduler()).toCompletableFuture())
              .toArray(CompletableFuture[]::new);
          ctx.pipeToSelf(CompletableFuture.allOf(stops), (ok, failure) -> new InstancesStopped(s.replyTo()));
          return Behaviors.same();
        })
        .onMessage(InstancesStopped.class, s -> {
          s.replyTo().tell(Done.getInstance());
          return Behaviors.stopped();
        })
        .build();
  }

  /** One {@link SyncGroup} per vrrp_sync_group, by member instance name; on the VRRP loop, as the routers it relays. */
  private static Map<String, ActorRef<SyncGroup.Command>> syncGroups(ActorContext<Command> ctx, ControllerConfig config) {
    Map<String, ActorRef<SyncGroup.Command>> byInstance = new HashMap<>();
    for (SyncGroupConfig group : config.syncGroups()) {
      ActorRef<SyncGroup.Command> ref = ctx.spawn(SyncGroup.create(group), "sync-group-" + group.name(),
          DispatcherSelector.fromConfig(VrrpLoopExecutor.DISPATCHER));
      group.instances().forEach(instance -> byInstance.put(instance, ref));
    }
    return byInstance;
  }

  /** Asks every instance at once; one that does not answer in time is left out rather than failing the rest. */
  private static void replyStatus(ActorContext<Command> ctx, String node, Map<String, LinkHub> hubs,
      List<ActorRef<InstanceCommand>> instances, GetStatus get) {
    List<CompletableFuture<Optional<InstanceStatus>>> asks = instances.stream()
        .map(i -> AskPattern.<InstanceCommand, InstanceStatus>ask(i, InstanceCommand.GetStatus::new, get.perInstance(),
                ctx.getSystem().scheduler())
            .toCompletableFuture().handle((status, failure) -> Optional.ofNullable(status)))
        .toList();
    Map<String, Map<DiscardReason, Long>> invalid = new TreeMap<>();
    hubs.forEach((name, hub) -> invalid.put(name, hub.discards()));
    CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenRun(() -> get.replyTo().tell(
        new ControllerStatus(node, asks.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList(),
            invalid)));
  }

  private static InstanceWiring wiring(ControllerConfig config, InstanceConfig instance, Start start, Clock clock,
      LongSupplier nanoTime, Optional<ActorRef<SyncGroup.Command>> syncGroup, Optional<MailAlerts> mail) {
    return new InstanceWiring(instance, config.global().nodeId(), start.hubs().get(instance.interfaceName()),
        start.addresses(), clock, nanoTime, config.scripts(), new HealthChecks(config.global(), HostUsers.system())::of,
        ScriptProcess::run, start.interfaces(), syncGroup, mail);
  }
}
