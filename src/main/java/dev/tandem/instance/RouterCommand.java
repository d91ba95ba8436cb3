package dev.tandem.instance;

import dev.tandem.health.CheckOutcome;
import dev.tandem.vrrp.Timer;
import dev.tandem.wire.ReceivedAdvert;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/** What a {@link VirtualRouter} handles. Local messages only: they are never serialized. */
public sealed interface RouterCommand {
  /** A valid advert for this instance, from its {@link AdvertReceiver}. */
  record AdvertArrived(ReceivedAdvert advert, long receivedAtNanos) implements RouterCommand {}

  /** A timer ran out; {@code dueNanos} is when it was due, on the router's monotonic clock. */
  record TimerFired(Timer timer, long dueNanos) implements RouterCommand {}

  /** One run of the tracked check {@code name}, from its {@link HealthChecker}. */
  record CheckReported(String name, CheckOutcome outcome) implements RouterCommand {}

  /** Stop: priority-0 advert if Master, VIPs released, journaled with {@code cause}, then the router stops. */
  record Stop(ActorRef<Done> replyTo, String cause) implements RouterCommand {}

  record GetStatus(ActorRef<InstanceStatus> replyTo) implements RouterCommand {}

  /**
   * The split-brain detector yields this router (Fault, named as the split-brain fault source) or
   * lets it back into VRRP; {@code cause} says why.
   */
  record SplitBrainYield(boolean yielded, String cause) implements RouterCommand {}

  /** The split-brain detector wants this router's state and priority, now and after each change, and its adverts. */
  record WatchState(ActorRef<SplitBrainDetector.Command> detector) implements RouterCommand {}

  /** The journal and the children have finished the work of the stop. */
  record Stopped(ActorRef<Done> replyTo) implements RouterCommand {}
}
