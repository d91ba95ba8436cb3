package dev.tandem.instance;

import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Sits in front of a {@link VrrpInstance}, outside its restarts, and does at once what must not
 * wait for the persistent actor, which holds back every command while it recovers its journal
 * (seconds on a loaded host), writes, or waits out its backoff after a failed write: stop, handover
 * and status go straight to its {@link VirtualRouter} (a SIGTERM in that window must still send the
 * priority-0 advert at once, before the controller's stop gives up), and each
 * {@link InstanceCommand.Record} is taken into the {@link JournalBacklog} the moment it arrives (a
 * persistent actor loses the events of a failed write, and drops what arrives beyond its stash):
 * the persistent actor is only told to write what is held.
 */
final class RouterFirst extends BehaviorInterceptor<InstanceCommand, InstanceCommand> {
  private final ActorRef<RouterCommand> router;
  private final JournalBacklog backlog;

  RouterFirst(ActorRef<RouterCommand> router, JournalBacklog backlog) {
    super(InstanceCommand.class);
    this.router = router;
    this.backlog = backlog;
  }

  @Override
  public Behavior<InstanceCommand> aroundReceive(TypedActorContext<InstanceCommand> ctx, InstanceCommand command,
      ReceiveTarget<InstanceCommand> target) {
    if (command instanceof InstanceCommand.Stop stop) {
      router.tell(new RouterCommand.Stop(stop.replyTo(), stop.handover(), stop.cause()));
    } else if (command instanceof InstanceCommand.GetStatus get) {
      router.tell(new RouterCommand.GetStatus(get.replyTo()));
    } else if (command instanceof InstanceCommand.Record record) {
      backlog.add(record.events(), Optional.of(written -> {
        if (written) {
          JournalWriteLatency.observeSince(record.decidedNanos());
        }
        record.journaled().ifPresent(ack -> ack.tell(Done.getInstance()));
      }));
      return target.apply(ctx, new InstanceCommand.WriteHeld());
    } else {
      return target.apply(ctx, command);
    }
    return Behaviors.same();
  }
}
