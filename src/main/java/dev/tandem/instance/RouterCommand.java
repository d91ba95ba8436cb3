package dev.tandem.instance;

import dev.tandem.health.CheckOutcome;
import dev.tandem.net.InterfaceMonitor;
import dev.tandem.net.InterfaceState;
import dev.tandem.vrrp.Health;
import dev.tandem.vrrp.Tracking;
import dev.tandem.vrrp.Timer;
import dev.tandem.vrrp.Transition;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.wire.ReceivedAdvert;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/** What a {@link VirtualRouter} handles. Local messages only: they are never serialized. */
public sealed interface RouterCommand {
  /** A valid advert for this instance, from its {@link AdvertReceiver}. */
  record AdvertArrived(ReceivedAdvert advert, long receivedAtNanos) implements RouterCommand {}

  /**
   * The router to itself: what a step it has taken tells the operator and the other actors (its log
   * lines, then the notifier and the sync group when it {@code moved}), after the adverts it sent.
   */
  record Announce(List<String> lines, Optional<Transition> moved, int priority) implements RouterCommand {}

  /** A timer ran out; {@code dueNanos} is when it was due, on the router's monotonic clock. */
  /** Of the timer's arming number {@code generation} ({@link RouterTimers}). */
  record TimerFired(Timer timer, long dueNanos, long generation) implements RouterCommand {}

  /** One run of the tracked check {@code name}, from its {@link HealthChecker}. */
  record CheckReported(String name, CheckOutcome outcome) implements RouterCommand, TrackedReport {
    @Override
    public String source() {
      return name;
    }

    @Override
    public boolean success() {
      return outcome.healthy();
    }

    @Override
    public String detail() {
      return outcome.detail();
    }

    @Override
    public String verdict(Health health) {
      return "VRRP_Script(" + name + ") " + (health == Health.HEALTHY ? "succeeded" : "failed (" + outcome.detail() + ")");
    }
  }

  /** A tracked interface went up or down (or its state at subscription), from the {@link InterfaceMonitor}. */
  record InterfaceReported(InterfaceState state) implements RouterCommand, TrackedReport {
    @Override
    public String source() {
      return Tracking.interfaceSource(state.name());
    }

    @Override
    public boolean success() {
      return state.up();
    }

    @Override
    public String detail() {
      return state.up() ? "link up" : "link down";
    }

    @Override
    public String verdict(Health health) {
      return "Netlink reports " + state.name() + (health == Health.HEALTHY ? " up" : " down");
    }
  }

  /**
   * Stop: priority-0 advert if Master, VIPs released, journaled with {@code cause}, then the router
   * stops. With {@code handover} a Master that has heard another router keeps the VIPs and keeps
   * serving until the new master's first advert (at most one Master_Down_Interval), so no request
   * is lost.
   */
  record Stop(ActorRef<Done> replyTo, boolean handover, String cause) implements RouterCommand {}

  record GetStatus(ActorRef<InstanceStatus> replyTo) implements RouterCommand {}

  /**
   * The split-brain detector yields this router (Fault, named as the split-brain fault source) or
   * lets it back into VRRP; {@code cause} says why.
   */
  record SplitBrainYield(boolean yielded, String cause) implements RouterCommand {}

  /** The split-brain detector wants this router's state and priority, now and after each change, and its adverts. */
  record WatchState(ActorRef<SplitBrainDetector.Command> detector) implements RouterCommand {}

  /** The sync group demands Master or Backup of this router: another member moved there ({@code cause}). */
  record SyncDemand(VrrpState target, String cause) implements RouterCommand {}

  /**
   * The sync group holds this router in Fault while another member is faulty ({@code cause} names
   * it), or lets it go (empty): one member of the fault set beside the checks and the split-brain yield.
   */
  record SyncHold(Optional<String> cause) implements RouterCommand {}

  /** The journal and the children have finished the work of the stop. */
  record Stopped(ActorRef<Done> replyTo) implements RouterCommand {}
}
