package dev.tandem.wire;

import java.net.Inet4Address;

/**
 * What an ARP request or reply asserts: the host with {@code mac} holds {@code address} (its sender
 * fields). A gratuitous ARP asks for its own address ({@code target} equals {@code address}).
 */
public record ArpClaim(MacAddress mac, Inet4Address address, Inet4Address target, boolean reply) {
  public boolean isGratuitous() {
    return address.equals(target);
  }
}
