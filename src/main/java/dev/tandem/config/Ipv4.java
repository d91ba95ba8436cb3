package dev.tandem.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Strict dotted-quad parsing: never a name look-up, which InetAddress.getByName could do. */
final class Ipv4 {
  private Ipv4() {}

  static Optional<Inet4Address> parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("[0-9]{1,3}")) {
        return Optional.empty();
      }
      int octet = Integer.parseInt(parts[i]);
      if (octet > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) octet;
    }
    try {
      return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** IPv6 is planned but not yet supported, so it deserves its own message rather than "not an address". */
  static boolean looksLikeIpv6(String text) {
    return text.contains(":");
  }
}
