package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.config.NotifyConfig;
import dev.tandem.net.NotifyFifo;
import dev.tandem.health.ScriptRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Tells the world about an instance's transitions as keepalived does: the notify FIFO line at once
 * (a FIFO nobody reads drops lines, it never waits), and the notify scripts handed to
 * {@link NotifyScripts}, which runs them one at a time in order, and the alert email (smtp-alert)
 * handed to the {@link Mailer}. The router only ever tells this actor, so no script or mail server,
 * however slow, can hold up a transition.
 */
public final class Notifier {
  public sealed interface Command permits Notify, Drain {}

  /** The instance entered {@code state} (or is stopping) with this effective priority. */
  public record Notify(NotifyState state, int priority) implements Command {}

  /** keepalived waits for no notify script; tandem bounds each so that one hung script cannot stop the rest. */
  static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(10);
  /** keepalived gives the scripts run at stop one second (TIMER_HZ) before it kills them. */
  static final Duration STOP_SCRIPT_TIMEOUT = Duration.ofSeconds(1);

  private final ActorContext<Command> context;
  private final InstanceConfig config;
  private final ActorRef<NotifyScripts.Command> scripts;
  private final Optional<NotifyFifo> fifo;
  private final Optional<ActorRef<Mailer.Command>> mailer;

  private Notifier(ActorContext<Command> context, InstanceConfig config, ScriptRunner runner,
      Optional<MailAlerts> mail, Clock clock) {
    this.context = context;
    this.config = config;
    this.scripts = context.spawn(NotifyScripts.create(config.name(), runner), "scripts", DispatcherSelector.blocking());
    this.fifo = config.notifications().fifo().flatMap(this::open);
    this.mailer = mail.map(alerts -> context.spawn(Mailer.create(config.name(), alerts, clock), "mailer",
        DispatcherSelector.blocking()));
  }

  /** {@code mail}: the alert emails to send, if smtp-alert asks for them; {@code clock} dates them. */
  public static Behavior<Command> create(InstanceConfig config, ScriptRunner runner, Optional<MailAlerts> mail,
      Clock clock) {
    return Behaviors.setup(ctx -> new Notifier(ctx, config, runner, mail, clock).behavior());
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Notify.class, this::onNotify)
        .onMessage(Drain.class, drain -> {
          scripts.tell(drain);
          return Behaviors.same();
        })
        .onSignal(PostStop.class, stop -> {
          fifo.ifPresent(NotifyFifo::close);
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onNotify(Notify notify) {
    Notification notification = new Notification(config.name(), notify.state(), notify.priority());
    fifo.ifPresent(f -> {
      if (!f.write(notification.fifoLine())) {
        context.getLog().warn("({}) notify FIFO {} is full (is anything reading it?): dropped `{}`", config.name(),
            f.path(), notification.fifoLine());
      }
    });
    mailer.ifPresent(m -> m.tell(new Mailer.Send(notify.state())));
    NotifyConfig notifications = config.notifications();
    List<List<String>> commands = notification.commands(notifications);
    if (!commands.isEmpty()) {
      scripts.tell(new NotifyScripts.Run(commands,
          notify.state() == NotifyState.STOP ? STOP_SCRIPT_TIMEOUT : SCRIPT_TIMEOUT));
    }
    return Behaviors.same();
  }

  private Optional<NotifyFifo> open(String path) {
    try {
      return Optional.of(NotifyFifo.open(Path.of(path)));
    } catch (IOException | RuntimeException e) {
      context.getLog().warn("({}) notify FIFO not used: {}", config.name(), e.getMessage());
      return Optional.empty();
    }
  }
}
