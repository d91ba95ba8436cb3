package dev.tandem.instance;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/** What a {@link VrrpInstance} handles. Local messages only: they are never serialized. */
public sealed interface InstanceCommand {
  /**
   * Journal these events of this run, in order; {@code journaled} hears when they are written (or
   * dropped, see {@link JournalBacklog}). Taken into the backlog at once, whatever the journal's state.
   * {@code decidedNanos}: System.nanoTime() when the events were decided, for {@link JournalWriteLatency}.
   */
  record Record(List<InstanceEvent> events, Optional<ActorRef<Done>> journaled, long decidedNanos)
      implements InstanceCommand {
    /** Decided now: where the router or detector creates it, in the step that decided. */
    public Record(List<InstanceEvent> events, Optional<ActorRef<Done>> journaled) {
      this(events, journaled, System.nanoTime());
    }
  }

  /**
   * A stop, handed to the router; {@code cause} is journaled with it (an operator's SIGTERM, a
   * reload). With {@code handover} a Master keeps its VIPs until a new master advertises (see
   * {@link RouterCommand.Stop}).
   */
  record Stop(ActorRef<Done> replyTo, boolean handover, String cause) implements InstanceCommand {}

  record GetStatus(ActorRef<InstanceStatus> replyTo) implements InstanceCommand {}

  /** The instance to itself: write what the backlog holds (after a hand-over, a recovery, a write). */
  record WriteHeld() implements InstanceCommand {}
}
