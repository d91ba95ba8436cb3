package dev.tandem.net;

import dev.tandem.wire.ArpClaim;
import dev.tandem.wire.EchoReading;

/** Where a {@link LinkHub} hands what one VRID's split-brain detector reads; called on the link's receive thread. */
public interface SplitBrainSink {
  /** A peer's report for this VRID, from its echo request. */
  void report(EchoReading.Report report, long receivedAtNanos);

  /** Any ARP request or reply on the link: the detector keeps those that claim its VIPs. */
  void claim(ArpClaim claim);
}
