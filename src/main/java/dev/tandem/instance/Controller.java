package dev.tandem.instance;

import dev.tandem.config.ControllerConfig;
import dev.tandem.config.InstanceConfig;
import dev.tandem.health.HealthChecks;
import dev.tandem.health.HostUsers;
import dev.tandem.net.AddressTable;
import dev.tandem.net.LinkHub;
import dev.tandem.health.ScriptProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The guardian: one {@link VrrpInstance} per configured instance, all stopped together on shutdown.
 * It is created before the links are open (the actor system and the links start side by side) and
 * spawns the instances when {@link Start} brings them.
 */
public final class Controller {
  public sealed interface Command permits Start, Shutdown, InstancesStopped {}

  /** The links (one started hub per interface the instances use) and the host's address table. */
  public record Start(Map<String, LinkHub> hubs, AddressTable addresses) implements Command {}

  /**
   * Stop every instance gracefully (priority-0 adverts, VIPs released, journaled), then stop; with
   * {@code handover} each Master that has heard another router first waits for its successor's advert.
   */
  public record Shutdown(ActorRef<Done> replyTo, boolean handover) implements Command {}

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
        .onMessage(Start.class, start -> running(ctx, config.instances().stream()
            .map(i -> ctx.spawn(VrrpInstance.create(wiring(config, i, start, clock, nanoTime)), "instance-" + i.name()))
            .toList()))
        .onMessage(Shutdown.class, s -> {
          s.replyTo().tell(Done.getInstance());
          return Behaviors.stopped();
        })
        .build());
  }

  private static Behavior<Command> running(ActorContext<Command> ctx, List<ActorRef<InstanceCommand>> instances) {
    return Behaviors.receive(Command.class)
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

  private static InstanceWiring wiring(ControllerConfig config, InstanceConfig instance, Start start, Clock clock,
      LongSupplier nanoTime) {
    return new InstanceWiring(instance, config.global().nodeId(), start.hubs().get(instance.interfaceName()),
        start.addresses(), clock, nanoTime, config.scripts(), new HealthChecks(config.global(), HostUsers.system())::of,
        ScriptProcess::run);
  }
}
