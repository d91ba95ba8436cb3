package dev.tandem.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Interface states held in memory and set by hand (actor tests), and the state table behind
 * {@link IpLinkMonitor}, which sets it from the kernel's reports.
 */
public final class InMemoryInterfaceMonitor implements InterfaceMonitor {
  private final Map<String, Boolean> states = new LinkedHashMap<>();
  private final List<Consumer<InterfaceState>> listeners = new ArrayList<>();

  /** Records the state; listeners hear it when it is new or differs from the last one. */
  public synchronized void set(String name, boolean up) {
    Boolean before = states.put(name, up);
    if (before == null || before != up) {
      InterfaceState state = new InterfaceState(name, up);
      listeners.forEach(listener -> listener.accept(state));
    }
  }

  @Override
  public synchronized void subscribe(Consumer<InterfaceState> listener) {
    states.forEach((name, up) -> listener.accept(new InterfaceState(name, up)));
    listeners.add(listener);
  }

  @Override
  public synchronized Map<String, Boolean> current() {
    return Map.copyOf(states);
  }

  @Override
  public synchronized void close() {
    listeners.clear();
  }
}
