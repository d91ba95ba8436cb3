package dev.tandem.vrrp;

import java.net.Inet4Address;
import java.time.Duration;

/** What can happen to a virtual router (§6.4 events plus Fault and priority changes). */
public sealed interface Input {
  /**
   * The instance starts (RFC "Startup event"). Its node has been capturing the link for
   * {@code listening} already, and what it heard in that time reaches the instance (the link keeps
   * the last advert of each VRID for whoever registers later): that much of the first
   * Master_Down_Interval has been waited out.
   */
  record Startup(Duration listening) implements Input {}

  /** A valid advert for this VRID arrived (already through every §7.1 check). */
  record AdvertReceived(Inet4Address sender, int priority, Duration interval) implements Input {}

  /** A timer the machine armed has run out. */
  record TimerExpired(Timer timer) implements Input {}

  /** The instance is stopping (RFC "Shutdown event"). */
  record Shutdown() implements Input {}

  /**
   * Operator stop with a zero-loss handover: a Master that has heard another router on this VRID
   * ({@code peerHeard}) announces priority 0 but keeps its addresses until the new master's first
   * advert; otherwise (or in any other state) the same as {@link Shutdown}, as keepalived stops.
   */
  record Handover(boolean peerHeard) implements Input {}

  /** The fault set became non-empty ({@code cause} names what failed) or empty again. */
  record FaultChanged(boolean faulty, String cause) implements Input {}

  /** Tracked scripts or interfaces changed the effective priority. */
  record PriorityChanged(int effectivePriority, String cause) implements Input {}

  /**
   * The instance's vrrp_sync_group demands Master or Backup because another member moved there
   * ({@code cause} names the group and the member). Fault is not demanded here: a member's fault
   * reaches the others as a {@link FaultChanged}.
   */
  record SyncDemanded(VrrpState target, String cause) implements Input {}
}
