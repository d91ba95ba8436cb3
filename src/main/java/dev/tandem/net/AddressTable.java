package dev.tandem.net;

import dev.tandem.config.VirtualAddress;
import java.util.Collection;
import java.util.List;

/** The addresses configured on this host's interfaces (iproute2's "ip addr"). */
public interface AddressTable {
  /** Adds the address to the device; adding one that is present is not an error. */
  void add(String device, VirtualAddress address);

  /** Removes the address from the device; removing one that is absent is not an error. */
  void remove(String device, VirtualAddress address);

  /**
   * Removes each of the addresses that is on the device: at start-up, the VIPs a crashed run left
   * behind (keepalived does the same: "removing VIPs.").
   */
  default void removeAll(String device, Collection<VirtualAddress> addresses) {
    addresses.forEach(a -> remove(device, a));
  }

  /** The IPv4 addresses on the device, as "a.b.c.d/len". */
  List<String> list(String device);
}
