package dev.tandem.instance;

import dev.tandem.net.SmtpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Sends an instance's transition emails, one at a time, on the blocking dispatcher: a slow or
 * unreachable server holds up only the next email, never a transition (the {@link Notifier} only
 * tells this actor). The SMTP dialogue runs outside the actor's message handling, so that stopping
 * (tandem's exit) never waits for a hung server either: the email in flight is abandoned. As
 * keepalived, a state already emailed is not emailed again. A failing server is logged once, and
 * once more when mail gets through again.
 */
final class Mailer {
  sealed interface Command permits Send, Sent {}

  /** The instance entered {@code state} (or is stopping). */
  record Send(NotifyState state) implements Command {}

  /** The email for {@code state} went out, or failed with {@code failure}. */
  private record Sent(NotifyState state, Optional<Throwable> failure) implements Command {}

  private final ActorContext<Command> context;
  private final String instance;
  private final MailAlerts alerts;
  private final SmtpClient client;
  private final Clock clock;
  private final Executor blocking;
  private final Deque<NotifyState> waiting = new ArrayDeque<>();
  private Optional<NotifyState> lastEmailed = Optional.empty();
  private boolean sending;
  private boolean failing;

  private Mailer(ActorContext<Command> context, String instance, MailAlerts alerts, Clock clock) {
    this.context = context;
    this.instance = instance;
    this.alerts = alerts;
    this.client = new SmtpClient(alerts.host(), alerts.port(), localName(), alerts.timeout());
    this.clock = clock;
    this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
  }

  static Behavior<Command> create(String instance, MailAlerts alerts, Clock clock) {
    return Behaviors.setup(ctx -> new Mailer(ctx, instance, alerts, clock).behavior());
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Send.class, this::onSend)
        .onMessage(Sent.class, this::onSent)
        .build();
  }

  private Behavior<Command> onSend(Send send) {
    waiting.add(send.state());
    sendNext();
    return Behaviors.same();
  }

  private void sendNext() {
    while (!sending && !waiting.isEmpty()) {
      NotifyState state = waiting.poll();
      if (!lastEmailed.equals(Optional.of(state))) {
        sending = true;
        CompletableFuture<Void> email = CompletableFuture.runAsync(() -> send(state), blocking);
        context.pipeToSelf(email, (done, failure) -> new Sent(state, Optional.ofNullable(failure)));
      }
    }
  }

  private void send(NotifyState state) {
    try {
      client.send(alerts.message(instance, state, ZonedDateTime.now(clock)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Behavior<Command> onSent(Sent sent) {
    sending = false;
    if (sent.failure().isEmpty()) {
      lastEmailed = Optional.of(sent.state());
      if (failing) {
        context.getLog().info("({}) SMTP alerts to {}:{} get through again", instance, alerts.host(), alerts.port());
        failing = false;
      }
    } else if (!failing) {
      context.getLog().warn("({}) SMTP alert ({}) to {}:{} not sent: {}; further failures are not logged until one "
          + "gets through", instance, sent.state(), alerts.host(), alerts.port(), reason(sent.failure().get()));
      failing = true;
    }
    sendNext();
    return Behaviors.same();
  }

  /** The SMTP client's own message, without the wrappers the future added. */
  private static String reason(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof UncheckedIOException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }

  /** keepalived's HELO name defaults to the local host name. */
  private static String localName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
