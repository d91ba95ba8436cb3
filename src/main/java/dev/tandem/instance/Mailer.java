package dev.tandem.instance;

import dev.tandem.net.SmtpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Sends an instance's transition emails, one at a time, on the blocking dispatcher: a slow or
 * unreachable server holds up only the next email, never a transition (the {@link Notifier} only
 * tells this actor). As keepalived, a state already emailed is not emailed again. A failing
 * server is logged once, and once more when mail gets through again.
 */
final class Mailer {
  /** The instance entered {@code state} (or is stopping). */
  record Send(NotifyState state) {}

  private final ActorContext<Send> context;
  private final String instance;
  private final MailAlerts alerts;
  private final SmtpClient client;
  private final Clock clock;
  private Optional<NotifyState> lastEmailed = Optional.empty();
  private boolean failing;

  private Mailer(ActorContext<Send> context, String instance, MailAlerts alerts, Clock clock) {
    this.context = context;
    this.instance = instance;
    this.alerts = alerts;
    this.client = new SmtpClient(alerts.host(), alerts.port(), localName(), alerts.timeout());
    this.clock = clock;
  }

  static Behavior<Send> create(String instance, MailAlerts alerts, Clock clock) {
    return Behaviors.setup(ctx -> new Mailer(ctx, instance, alerts, clock).behavior());
  }

  private Behavior<Send> behavior() {
    return Behaviors.receive(Send.class).onMessage(Send.class, this::onSend).build();
  }

  private Behavior<Send> onSend(Send send) {
    if (lastEmailed.equals(Optional.of(send.state()))) {
      return Behaviors.same();
    }
    try {
      client.send(alerts.message(instance, send.state(), ZonedDateTime.now(clock)));
      lastEmailed = Optional.of(send.state());
      if (failing) {
        context.getLog().info("({}) SMTP alerts to {}:{} get through again", instance, alerts.host(), alerts.port());
        failing = false;
      }
    } catch (IOException e) {
      if (!failing) {
        context.getLog().warn("({}) SMTP alert ({}) to {}:{} not sent: {}; further failures are not logged until one "
            + "gets through", instance, send.state(), alerts.host(), alerts.port(), e.getMessage());
        failing = true;
      }
    }
    return Behaviors.same();
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
