package dev.tandem.net;

import dev.tandem.config.VirtualAddress;
import java.util.List;

/** The addresses configured on this host's interfaces (iproute2's "ip addr"). */
public interface AddressTable {
  /** Adds the address to the device; adding one that is present is not an error. */
  void add(String device, VirtualAddress address);

  /** Removes the address from the device; removing one that is absent is not an error. */
  void remove(String device, VirtualAddress address);

  /** The IPv4 addresses on the device, as "a.b.c.d/len". */
  List<String> list(String device);

  /**
   * Readies what adding and removing this address will run, changing nothing, so that a takeover
   * does not wait for code the process runs for the first time.
   */
  default void prepare(String device, VirtualAddress address) {}
}
