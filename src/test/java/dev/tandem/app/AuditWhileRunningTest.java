package dev.tandem.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.audit.Events;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.testsupport.Environment;
import dev.tandem.testsupport.JournalFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal held open as a running controller holds it (served by {@link JournalServer}): `tandem
 * audit` in a second process reads it through the server, which listens on 127.0.0.1 only; and once
 * that controller is killed, its stale server file neither stops a reader nor the next controller.
 */
class AuditWhileRunningTest {
  /** Child JVMs on a loaded 2-core machine: generous. */
  private static final long CHILD_TIMEOUT_SECONDS = 60;

  @TempDir
  Path dir;

  @Test
  void aSecondProcessAuditsAJournalHeldOpenAndNothingListensBeyondLoopback() throws Exception {
    Environment.requireOrSkip(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
        "needs ss (iproute2) to list listening sockets");
    Path journal = dir.resolve("journal");
    try (JournalServer server = new JournalDatabase(journal).serve(); JournalFixture running = JournalFixture.create(journal)) {
      for (InstanceEvent e : Events.gracefulStop(0)) {
        running.append(e);
      }
      running.flush();

      List<String> listening = listeningSocketsOf(ProcessHandle.current().pid());
      assertTrue(listening.stream().anyMatch(a -> a.endsWith(":" + server.port())),
          "the journal's server should listen on port " + server.port() + ": " + listening);
      for (String address : listening) {
        // Java's dual-stack socket shows IPv4 loopback as its IPv6-mapped form.
        assertTrue(address.startsWith("127.0.0.1:") || address.startsWith("[::ffff:127.0.0.1]:"),
            "listens on " + address + ": " + listening);
      }

      String output = audit(journal);
      assertTrue(output.contains("lb1 lost MASTER at "), output);
      assertTrue(output.contains("-> lb2 became MASTER at "), output);
    }
    assertFalse(Files.exists(journal.resolve(JournalServer.FILE_NAME)), "a clean stop removes the server file");
  }

  @Test
  void aKilledControllersJournalIsAuditedAndServedAgainDespiteItsStaleServerFile() throws Exception {
    Path journal = dir.resolve("journal");
    Process controller = startHeldJournal(journal);
    try {
      List<InstanceEvent> expected = new ArrayList<>(Events.gracefulStop(0));
      expected.sort(Comparator.comparing(InstanceEvent::at));
      assertEquals(expected, JournalDatabase.readAll(List.of(journal)), "read through the running controller's server");

      kill(controller);
      assertTrue(Files.exists(journal.resolve(JournalServer.FILE_NAME)), "a killed controller leaves its server file");
      assertEquals(expected, JournalDatabase.readAll(List.of(journal)), "read from the file itself");
      assertTrue(audit(journal).contains("-> lb2 became MASTER at "));

      try (JournalServer next = new JournalDatabase(journal).serve()) {
        assertEquals(expected, JournalDatabase.readAll(List.of(journal)), "read through the next controller's server");
        assertEquals("tcp://127.0.0.1:" + next.port(),
            Files.readString(journal.resolve(JournalServer.FILE_NAME)).trim().replaceFirst("/[^/]*$", ""));
      }
    } finally {
      controller.destroyForcibly();
    }
  }

  @Test
  void aStartingControllerWaitsForAReaderThatOpenedTheFileItself() throws Exception {
    Path journal = dir.resolve("journal");
    Process reader = startHeldJournal(journal, HeldJournal.READER);
    try {
      String url = new JournalDatabase(journal).url();
      SQLException held = assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close());
      assertEquals(ErrorCode.DATABASE_ALREADY_OPEN_1, held.getErrorCode(), "the reader holds the file: " + held.getMessage());
      // Started while the reader still holds the file (its JVM takes a while to end): the start waits, it does not fail.
      CompletableFuture<JournalServer> starting = CompletableFuture.supplyAsync(() -> serve(journal));
      reader.getOutputStream().close();
      assertTrue(reader.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the reader did not end");
      assertEquals(0, reader.exitValue());
      try (JournalServer server = starting.get(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        assertEquals(Events.gracefulStop(0).size(), JournalDatabase.readAll(List.of(journal)).size());
      }
    } finally {
      reader.destroyForcibly();
    }
  }

  /** {@link HeldJournal} in its own JVM, once it has said it holds the journal. */
  private static Process startHeldJournal(Path journal, String... mode) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
        HeldJournal.class.getName(), journal.toString()));
    command.addAll(List.of(mode));
    Process held = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(held.getInputStream(), StandardCharsets.UTF_8));
    String ready = CompletableFuture.supplyAsync(() -> readLine(out)).get(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(ready, "the child ended before holding the journal");
    assertTrue(ready.startsWith(HeldJournal.READY), ready);
    return held;
  }

  private static JournalServer serve(Path journal) {
    try {
      return new JournalDatabase(journal).serve();
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /** SIGKILL by its PID, as a crash would end it: no shutdown hook, no file removed. */
  private static void kill(Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start();
    assertTrue(kill.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "kill did not finish");
    assertTrue(process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the killed controller is still there");
    assertEquals(137, process.exitValue(), "ended by SIGKILL");
  }

  /** {@code tandem audit --journal DIR} in its own JVM: its output, after asserting it succeeded. */
  private static String audit(Path journal) throws IOException, InterruptedException {
    Process audit = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "audit", "--journal", journal.toString()).redirectErrorStream(true).start();
    try {
      assertTrue(audit.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "audit did not finish");
      String output = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, audit.exitValue(), output);
      return output;
    } finally {
      audit.destroyForcibly();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
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
