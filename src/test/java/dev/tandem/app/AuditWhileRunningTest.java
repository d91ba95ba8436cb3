package dev.tandem.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.audit.Events;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.testsupport.Environment;
import dev.tandem.testsupport.JournalFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal held open as a running controller holds it (this JVM, first to open it, serves it over
 * H2's AUTO_SERVER): `tandem audit` in a second process reads it, and the server this JVM opened
 * listens on 127.0.0.1 only.
 */
class AuditWhileRunningTest {
  private static final long CHILD_TIMEOUT_SECONDS = 60;

  @TempDir
  Path dir;

  @Test
  void aSecondProcessAuditsAJournalHeldOpenAndNothingListensBeyondLoopback() throws Exception {
    Environment.requireOrSkip(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
        "needs ss (iproute2) to list listening sockets");
    Path journal = dir.resolve("journal");
    try (JournalFixture running = JournalFixture.create(journal)) {
      for (InstanceEvent e : Events.gracefulStop(0)) {
        running.append(e);
      }
      running.flush();

      List<String> listening = listeningSocketsOf(ProcessHandle.current().pid());
      assertFalse(listening.isEmpty(), "the journal's server should be listening");
      for (String address : listening) {
        // Java's dual-stack socket shows IPv4 loopback as its IPv6-mapped form.
        assertTrue(address.startsWith("127.0.0.1:") || address.startsWith("[::ffff:127.0.0.1]:"),
            "listens on " + address + ": " + listening);
      }

      Process audit = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "audit", "--journal", journal.toString())
          .redirectErrorStream(true).start();
      try {
        assertTrue(audit.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "audit did not finish");
        String output = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, audit.exitValue(), output);
        assertTrue(output.contains("lb1 lost MASTER at "), output);
        assertTrue(output.contains("-> lb2 became MASTER at "), output);
      } finally {
        audit.destroyForcibly();
      }
    }
  }

  /** Local addresses of the TCP sockets {@code pid} listens on, from {@code ss -ltnpH}. */
  private static List<String> listeningSocketsOf(long pid) throws IOException, InterruptedException {
    Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
    assertTrue(ss.waitFor(10, TimeUnit.SECONDS), "ss did not finish");
    String table = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return table.lines().filter(l -> l.contains("pid=" + pid + ",")).map(l -> l.trim().split("\\s+")[3]).toList();
  }
}
