package dev.tandem.wire;

import java.net.Inet4Address;
import java.util.List;

/**
 * What one local virtual router accepts (the per-instance checks of §7.1): its version, VRID,
 * v2 authentication and interval, v3 checksum mode, and its configured addresses.
 */
public record Expectation(
    int version,
    int vrid,
    int authType,
    String authPassword,
    int intervalCentis,
    boolean v3PseudoHeaderChecksum,
    List<Inet4Address> addresses) {

  public Expectation {
    addresses = List.copyOf(addresses);
  }
}
