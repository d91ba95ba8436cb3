package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notify FIFO as keepalived keeps it: created when missing, never waiting for a reader. */
class NotifyFifoTest {
  @TempDir
  Path dir;

  @Test
  void aFifoNobodyReadsDropsLinesInsteadOfBlockingAndKeepsTheFirstOnes() throws IOException {
    Path path = dir.resolve("notify.fifo");
    try (NotifyFifo fifo = NotifyFifo.open(path)) {
      assertTrue(fifo.write("INSTANCE \"VI_1\" BACKUP 100"));
      int written = 1;
      // The kernel's pipe buffer is 64 KiB by default: well within 100000 lines of 27 bytes.
      while (written < 100_000 && fifo.write("INSTANCE \"VI_1\" MASTER 100")) {
        written++;
      }
      assertTrue(written < 100_000, "a full FIFO drops lines");
      assertFalse(fifo.write("INSTANCE \"VI_1\" FAULT 100"));
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(new FileInputStream(path.toFile()),
          StandardCharsets.UTF_8))) {
        assertEquals("INSTANCE \"VI_1\" BACKUP 100", reader.readLine());
        assertEquals("INSTANCE \"VI_1\" MASTER 100", reader.readLine());
      }
    }
  }

  @Test
  void aFileThatIsNoFifoIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "");
    IOException refused = assertThrows(IOException.class, () -> NotifyFifo.open(file));
    assertEquals("notify FIFO " + file + " exists and is not a FIFO", refused.getMessage());
  }
}
