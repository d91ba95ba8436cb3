package dev.tandem.instance;

import dev.tandem.vrrp.Timer;
import dev.tandem.wire.ReceivedAdvert;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/** What a {@link VrrpInstance} handles. Local messages only: they are never serialized. */
public sealed interface InstanceCommand {
  /** Sent to itself once the journal is recovered: the RFC Startup event. */
  record Start() implements InstanceCommand {}

  /** A valid advert for this instance, from its {@link AdvertReceiver}. */
  record AdvertArrived(ReceivedAdvert advert, long receivedAtNanos) implements InstanceCommand {}

  record TimerFired(Timer timer) implements InstanceCommand {}

  /** Operator stop (SIGTERM): priority-0 advert if Master, VIPs released, journaled, then the actor stops. */
  record Stop(ActorRef<Done> replyTo) implements InstanceCommand {}

  record GetStatus(ActorRef<InstanceStatus> replyTo) implements InstanceCommand {}

  /** The children finished the work of the stop. */
  record ChildrenDrained(ActorRef<Done> replyTo) implements InstanceCommand {}
}
