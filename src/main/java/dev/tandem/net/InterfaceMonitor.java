package dev.tandem.net;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Reports interfaces going up and down. A subscriber is told the state of every interface known at
 * once, then each change (only changes: a repeated state is not reported again), in order, on the
 * monitor's own thread: actors subscribe with a {@code tell}. Closing stops the reports.
 */
public interface InterfaceMonitor extends AutoCloseable {
  void subscribe(Consumer<InterfaceState> listener);

  /** The last known state of each interface, up = true. */
  Map<String, Boolean> current();

  @Override
  void close();
}
