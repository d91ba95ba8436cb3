package dev.tandem.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRehearsalTest {
  @TempDir
  Path dir;

  @Test
  void writesThroughTheJournalPluginIntoItsScratchDatabaseAndNothingIntoTheJournal() throws Exception {
    JournalDatabase journal = new JournalDatabase(dir);
    journal.ensureSchema();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "rehearsal-test", journal.actorSystemConfig());
    try {
      JournalRehearsal.start(system, journal, 25).toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertEquals(25, events(journal.rehearsalUrl()));
      assertEquals(0, events(journal.url()));
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRehearsalCutShortByTheSystemsStopEndsInsteadOfLeavingItsCallerWaiting() throws Exception {
    JournalDatabase journal = new JournalDatabase(dir);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "rehearsal-test", journal.actorSystemConfig());
    CompletableFuture<Done> rehearsal = JournalRehearsal.start(system, journal, Integer.MAX_VALUE).toCompletableFuture();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    ExecutionException stopped = assertThrows(ExecutionException.class, () -> rehearsal.get(30, TimeUnit.SECONDS));
    assertTrue(stopped.getCause() instanceof IllegalStateException, stopped.getCause().toString());
  }

  @Test
  void everyJournalHasAScratchDatabaseOfItsOwn() {
    assertNotEquals(new JournalDatabase(dir).rehearsalUrl(), new JournalDatabase(dir).rehearsalUrl());
  }

  private static long events(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM event_journal")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
