package dev.tandem.app;

import dev.tandem.instance.Controller;
import dev.tandem.instance.ControllerStatus;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Asks the controller for its status and waits, briefly: for the HTTP server's and the signal
 * handler's threads, which may block. An instance that does not answer within {@link #PER_INSTANCE}
 * (its journal may be writing) is left out of the answer rather than holding up the rest.
 */
final class StatusQuery implements Supplier<ControllerStatus> {
  static final Duration PER_INSTANCE = Duration.ofMillis(500);
  private static final Duration WHOLE = PER_INSTANCE.plusMillis(500);

  private final ActorRef<Controller.Command> controller;
  private final Scheduler scheduler;

  StatusQuery(ActorRef<Controller.Command> controller, Scheduler scheduler) {
    this.controller = controller;
    this.scheduler = scheduler;
  }

  /** @throws StatusUnavailable when the controller does not answer in time */
  @Override
  public ControllerStatus get() {
    try {
      return AskPattern.<Controller.Command, ControllerStatus>ask(controller,
              replyTo -> new Controller.GetStatus(PER_INSTANCE, replyTo), WHOLE, scheduler)
          .toCompletableFuture().get(WHOLE.toMillis() + 100, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StatusUnavailable("interrupted while waiting for the controller");
    } catch (ExecutionException | TimeoutException e) {
      throw new StatusUnavailable("the controller did not answer within " + WHOLE.toMillis() + " ms");
    }
  }

  /** The controller could not be asked; the message says why. */
  static final class StatusUnavailable extends RuntimeException {
    StatusUnavailable(String message) {
      super(message);
    }
  }
}
