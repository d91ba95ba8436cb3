package dev.tandem.instance;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/** What a {@link VrrpInstance} handles. Local messages only: they are never serialized. */
public sealed interface InstanceCommand {
  /** Journal these events of this run, in order; {@code journaled} hears when they are written. */
  record Record(List<InstanceEvent> events, Optional<ActorRef<Done>> journaled) implements InstanceCommand {}

  /** A stop handed to the router; {@code cause} is journaled with it (an operator's SIGTERM, a reload). */
  record Stop(ActorRef<Done> replyTo, String cause) implements InstanceCommand {
    public Stop(ActorRef<Done> replyTo) {
      this(replyTo, "operator stop");
    }
  }

  record GetStatus(ActorRef<InstanceStatus> replyTo) implements InstanceCommand {}
}
