package dev.tandem.app;

import com.typesafe.config.ConfigValueFactory;
import dev.tandem.config.ControllerConfig;
import dev.tandem.instance.Controller;
import dev.tandem.instance.PreciseScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** The actor system of a controller: started over the journal, stopped the way keepalived stops. */
final class ControllerSystem {
  private static final Duration STOP_TIMEOUT = Controller.STOP_TIMEOUT.plusSeconds(1);

  private ControllerSystem() {}

  static ActorSystem<Controller.Command> create(ControllerConfig config, JournalDatabase journal) {
    return ActorSystem.create(Controller.create(config, Clock.systemUTC(), System::nanoTime), "tandem",
        journal.actorSystemConfig().withValue(PreciseScheduler.REALTIME_PRIORITY,
            ConfigValueFactory.fromAnyRef(config.global().vrrpRtPriority())));
  }

  /** The journal's write path rehearsed in the background ({@link JournalRehearsal}), once VRRP runs. */
  static void rehearseJournal(ActorSystem<Controller.Command> system, JournalDatabase journal) {
    JournalRehearsal.start(system, journal, JournalRehearsal.ROUNDS).whenComplete((done, failure) -> {
      if (failure != null) {
        // Only the first takeover's write is slower for it: the journal itself is not involved.
        system.log().debug("journal rehearsal did not finish: {}", failure.getMessage());
      }
    });
  }

  /**
   * Priority-0 adverts, VIPs released (after the successor's first advert with {@code handover}) and
   * the stop journaled by every instance, then the system ends; bounded, so that a stuck instance cannot keep the process alive.
   */
  static void stop(ActorSystem<Controller.Command> system, boolean handover)
      throws InterruptedException, ExecutionException, TimeoutException {
    AskPattern.<Controller.Command, Done>ask(system, replyTo -> new Controller.Shutdown(replyTo, handover), STOP_TIMEOUT,
            system.scheduler())
        .toCompletableFuture().handle((done, failure) -> done).get(STOP_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
