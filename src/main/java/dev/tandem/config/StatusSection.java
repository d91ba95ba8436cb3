package dev.tandem.config;

import java.net.Inet4Address;
import java.nio.file.Path;

/** Reads tandem.status. */
final class StatusSection {
  private StatusSection() {}

  static StatusConfig read(SettingReader status) {
    Inet4Address loopback = Ipv4.parse("127.0.0.1").orElseThrow();
    String text = status.nonEmptyString("address").map(String::trim).orElse("127.0.0.1");
    Inet4Address address = Ipv4.parse(text).orElse(loopback);
    boolean allowRemote = status.bool("allow-remote").orElse(false);
    if (Ipv4.parse(text).isEmpty()) {
      status.error("address", "expected an IPv4 address such as 127.0.0.1, got \"" + text + "\"");
    } else if (!address.isLoopbackAddress() && !allowRemote) {
      // Status and metrics name the VIPs and peers: leaving the host is a deliberate choice.
      status.error("address", text + " is not a loopback address: set allow-remote = true to serve status beyond"
          + " this host");
    }
    return new StatusConfig(
        status.bool("enabled").orElse(true),
        address,
        status.integer("port", 1, 65535).orElse(8870),
        Path.of(status.nonEmptyString("dump-file").orElse("tandem-status.json")));
  }
}
