package dev.tandem.fleet;

import com.typesafe.config.ConfigFactory;
import dev.tandem.config.FleetConfig;
import dev.tandem.instance.InstanceEvent;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Reads every node's events back from the fleet store, in time order, as the audit reads a local journal. */
public final class FleetReader {
  private static final long STOP_TIMEOUT_SECONDS = 10;

  private FleetReader() {}

  public static List<InstanceEvent> readAll(FleetConfig config) throws Exception {
    // An actor system only for the journal's own JSON mapper (its modules and settings).
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tandem-fleet-audit", ConfigFactory.load());
    try (Connection connection = FleetConnection.open(config)) {
      EventJson json = new EventJson(system);
      List<InstanceEvent> events = new ArrayList<>();
      for (String text : new FleetStore(connection).allJson()) {
        events.add(json.read(text));
      }
      return events;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
