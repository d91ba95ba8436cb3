package dev.tandem.instance;

import dev.tandem.config.ControllerConfig;
import dev.tandem.config.InstanceConfig;
import dev.tandem.net.AddressTable;
import dev.tandem.net.LinkHub;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** The guardian: one {@link VrrpInstance} per configured instance, all stopped together on shutdown. */
public final class Controller {
  public sealed interface Command permits Shutdown, InstancesStopped {}

  /** Stop every instance gracefully (priority-0 adverts, VIPs released, journaled), then stop. */
  public record Shutdown(ActorRef<Done> replyTo) implements Command {}

  record InstancesStopped(ActorRef<Done> replyTo) implements Command {}

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private Controller() {}

  /** {@code hubs} holds one started hub per interface the instances use. */
  public static Behavior<Command> create(ControllerConfig config, Map<String, LinkHub> hubs, AddressTable addresses,
      Clock clock, LongSupplier nanoTime) {
    return Behaviors.setup(ctx -> {
      List<ActorRef<InstanceCommand>> instances = config.instances().stream()
          .map(i -> ctx.spawn(VrrpInstance.create(wiring(config, i, hubs, addresses, clock, nanoTime)), "instance-" + i.name()))
          .toList();
      return Behaviors.receive(Command.class)
          .onMessage(Shutdown.class, s -> {
            CompletableFuture<?>[] stops = instances.stream()
                .map(i -> AskPattern.<InstanceCommand, Done>ask(i, InstanceCommand.Stop::new, STOP_TIMEOUT,
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
    });
  }

  private static InstanceWiring wiring(ControllerConfig config, InstanceConfig instance, Map<String, LinkHub> hubs,
      AddressTable addresses, Clock clock, LongSupplier nanoTime) {
    return new InstanceWiring(instance, config.global().nodeId(), hubs.get(instance.interfaceName()), addresses, clock,
        nanoTime);
  }
}
