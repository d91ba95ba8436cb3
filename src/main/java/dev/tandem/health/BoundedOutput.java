package dev.tandem.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Drains a child's output on its own daemon thread, keeping the first {@code limit} bytes and
 * discarding the rest, so that a chatty script can neither fill memory nor block on a full pipe.
 */
final class BoundedOutput {
  private final byte[] kept;
  private final Thread reader;
  private int size;
  private boolean truncated;

  BoundedOutput(InputStream stream, int limit, String name) {
    this.kept = new byte[limit];
    this.reader = new Thread(() -> drain(stream), name);
    reader.setDaemon(true);
    reader.start();
  }

  private void drain(InputStream stream) {
    byte[] buffer = new byte[8192];
    try (stream) {
      for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
        keep(buffer, n);
      }
    } catch (IOException e) {
      // The pipe closed under us (the group was killed): what was read is what there is.
    }
  }

  private synchronized void keep(byte[] buffer, int n) {
    int room = kept.length - size;
    System.arraycopy(buffer, 0, kept, size, Math.min(room, n));
    size += Math.min(room, n);
    truncated |= n > room;
  }

  /**
   * What was printed, waiting at most {@code waitMillis} for the end of the output: a background
   * child that keeps the pipe open must not hold the check up.
   */
  String text(long waitMillis) throws InterruptedException {
    reader.join(waitMillis);
    synchronized (this) {
      String text = new String(Arrays.copyOf(kept, size), StandardCharsets.UTF_8);
      return truncated ? text + "...[truncated at " + kept.length + " bytes]" : text;
    }
  }
}
