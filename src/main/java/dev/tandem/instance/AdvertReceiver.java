package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.net.AdvertSink;
import dev.tandem.net.LinkHub;
import dev.tandem.wire.Discard;
import dev.tandem.wire.ReceivedAdvert;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Holds this instance's registration on its interface's {@link LinkHub}: valid adverts go on to the
 * instance, rejected ones are logged with keepalived's wording. The hub calls in on its receive
 * thread; this actor moves the work onto actor time and on to the instance's router.
 */
public final class AdvertReceiver {
  public sealed interface Command permits Accepted, Rejected {}

  record Accepted(ReceivedAdvert advert, long receivedAtNanos) implements Command {}

  record Rejected(Discard discard) implements Command {}

  private AdvertReceiver() {}

  public static Behavior<Command> create(InstanceConfig config, LinkHub hub, ActorRef<RouterCommand> router) {
    return Behaviors.setup(ctx -> {
      ActorRef<Command> self = ctx.getSelf();
      hub.register(AdvertProfile.of(config).expectation(), new AdvertSink() {
        @Override
        public void accept(ReceivedAdvert advert, long receivedAtNanos) {
          self.tell(new Accepted(advert, receivedAtNanos));
        }

        @Override
        public void discard(Discard discard) {
          self.tell(new Rejected(discard));
        }
      });
      String tag = "(" + config.name() + ") ";
      return Behaviors.receive(Command.class)
          .onMessage(Accepted.class, a -> {
            router.tell(new RouterCommand.AdvertArrived(a.advert(), a.receivedAtNanos()));
            return Behaviors.same();
          })
          .onMessage(Rejected.class, r -> {
            ctx.getLog().warn("{}{}", tag, r.discard().detail());
            return Behaviors.same();
          })
          .onSignal(PostStop.class, s -> {
            hub.unregister(config.virtualRouterId());
            return Behaviors.same();
          })
          .build();
    });
  }
}
