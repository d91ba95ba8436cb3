package dev.tandem.vrrp;

import java.time.Duration;

/** What the machine asks the actor to do, in order. */
public sealed interface Action {
  /** Send one advert with this priority (0 = this router is releasing Master). */
  record SendAdvert(int priority) implements Action {}

  /** (Re)start a timer; an armed timer of the same kind is replaced. */
  record ArmTimer(Timer timer, Duration delay) implements Action {}

  record CancelTimer(Timer timer) implements Action {}

  /** Bind the virtual addresses and send gratuitous ARPs for them. */
  record TakeAddresses() implements Action {}

  /**
   * Remove the virtual addresses, {@code after} this long (zero: now). Only the end of a handover
   * waits: the new master's gratuitous ARP follows its advert, and until it lands the clients still
   * send to this router.
   */
  record ReleaseAddresses(Duration after) implements Action {
    public static ReleaseAddresses now() {
      return new ReleaseAddresses(Duration.ZERO);
    }
  }
}
