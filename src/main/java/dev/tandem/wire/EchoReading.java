package dev.tandem.wire;

import java.net.Inet4Address;

/** What {@link EchoFrame#decode} made of a frame: a peer's report, or why it is none. */
public sealed interface EchoReading {
  /** A tandem echo request: who sent it (Ethernet and IPv4 source) and what it reports. */
  record Report(MacAddress sourceMac, Inet4Address source, InstanceReport report) implements EchoReading {}

  /** Anything else, with the reason, for debugging a peer that is not heard. */
  record NotAReport(String reason) implements EchoReading {}
}
