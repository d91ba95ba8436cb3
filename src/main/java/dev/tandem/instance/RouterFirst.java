package dev.tandem.instance;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Sits in front of a {@link VrrpInstance} and hands stop, handover and status straight to its
 * {@link VirtualRouter}: the persistent actor holds back every command while it recovers its
 * journal (seconds on a loaded host), and a SIGTERM in that window must still send the priority-0
 * advert at once, before the controller's stop gives up.
 */
final class RouterFirst extends BehaviorInterceptor<InstanceCommand, InstanceCommand> {
  private final ActorRef<RouterCommand> router;

  RouterFirst(ActorRef<RouterCommand> router) {
    super(InstanceCommand.class);
    this.router = router;
  }

  @Override
  public Behavior<InstanceCommand> aroundReceive(TypedActorContext<InstanceCommand> ctx, InstanceCommand command,
      ReceiveTarget<InstanceCommand> target) {
    if (command instanceof InstanceCommand.Stop stop) {
      router.tell(new RouterCommand.Stop(stop.replyTo(), stop.handover(), stop.cause()));
    } else if (command instanceof InstanceCommand.GetStatus get) {
      router.tell(new RouterCommand.GetStatus(get.replyTo()));
    } else {
      return target.apply(ctx, command);
    }
    return Behaviors.same();
  }
}
