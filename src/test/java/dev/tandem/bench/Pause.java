package dev.tandem.bench;

import dev.tandem.lab.LabException;
import java.time.Duration;

/**
 * Lets a measurement window pass. The benchmark sleeps through its windows rather than polling the
 * capture, so that its own CPU use does not disturb the daemons it measures.
 */
final class Pause {
  private Pause() {}

  static void of(Duration window) {
    try {
      Thread.sleep(window.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted during a measurement window");
    }
  }
}
