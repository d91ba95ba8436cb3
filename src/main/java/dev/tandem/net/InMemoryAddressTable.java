package dev.tandem.net;

import dev.tandem.config.VirtualAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AddressTable} in memory, for tests. */
public final class InMemoryAddressTable implements AddressTable {
  private final Map<String, Set<String>> byDevice = new ConcurrentHashMap<>();

  @Override
  public void add(String device, VirtualAddress address) {
    byDevice.computeIfAbsent(device, d -> ConcurrentHashMap.newKeySet()).add(address.cidr());
  }

  @Override
  public void remove(String device, VirtualAddress address) {
    byDevice.getOrDefault(device, Set.of()).remove(address.cidr());
  }

  @Override
  public List<String> list(String device) {
    return new ArrayList<>(byDevice.getOrDefault(device, Set.of()));
  }
}
