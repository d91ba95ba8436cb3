package dev.tandem.config;

import java.net.Inet4Address;
import java.util.Optional;

/** One virtual IP with its prefix, and optionally another device and a label (keepalived's "dev" / "label"). */
public record VirtualAddress(Inet4Address address, int prefixLength, Optional<String> device, Optional<String> label) {
  public String cidr() {
    return address.getHostAddress() + "/" + prefixLength;
  }
}
