package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.app.JournalDatabase;
import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.vrrp.VrrpState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded journal for real: an H2 file database through pekko-persistence-jdbc, events as
 * JSON, read back through Persistence Query after a second actor system (a process restart) has
 * recovered from it.
 */
class EmbeddedJournalTest {
  @TempDir
  Path dir;

  @Test
  void aSecondProcessRecoversTheJournalOfTheFirst() throws Exception {
    JournalDatabase db = new JournalDatabase(dir);
    db.ensureSchema();
    db.ensureSchema();

    try (InstanceLab first = lab(db)) {
      Node a = first.start("lb01", 11, TestInstances.vi1(150, true));
      first.stop(a);
    }
    try (InstanceLab second = lab(db)) {
      Node a = second.start("lb01", 11, TestInstances.vi1(150, true));
      assertEquals(VrrpState.BACKUP, second.status(a).state());
      List<InstanceEvent> events = second.events("lb01", 6);
      assertTrue(events.get(0) instanceof InstanceStarted);
      assertEquals("startup", ((StateChanged) events.get(1)).cause().kind());
      assertEquals("shutdown", ((StateChanged) events.get(2)).cause().kind());
      assertTrue(events.get(3) instanceof InstanceStopped);
      InstanceStarted restarted = (InstanceStarted) events.get(4);
      assertEquals(Optional.of(VrrpState.INITIALIZE), restarted.recoveredState());
      assertTrue(restarted.previousStopClean());
      assertEquals(VrrpState.BACKUP, ((StateChanged) events.get(5)).to());
    }
    assertTrue(dir.resolve("tandem.mv.db").toFile().isFile());
  }

  @Test
  void theAuditReadsWhatTheJournalWroteAndPruningKeepsWhatARestartRecovers() throws Exception {
    JournalDatabase db = new JournalDatabase(dir);
    db.ensureSchema();
    List<InstanceEvent> written;
    try (InstanceLab first = lab(db)) {
      Node a = first.start("lb01", 11, TestInstances.vi1(150, true));
      first.stop(a);
      written = first.events("lb01", 4);
    }
    assertEquals(written, JournalDatabase.readAll(List.of(dir)));

    assertEquals(0, db.prune(Instant.now().minus(Duration.ofDays(1))));
    // Everything is older than a second from now; the last transition (the shutdown) and the stop stay.
    assertEquals(2, db.prune(Instant.now().plusSeconds(1)));
    assertEquals(written.subList(2, 4), JournalDatabase.readAll(List.of(dir)));

    try (InstanceLab second = lab(db)) {
      second.start("lb01", 11, TestInstances.vi1(150, true));
      InstanceStarted restarted = (InstanceStarted) second.events("lb01", 4).get(2);
      assertEquals(Optional.of(VrrpState.INITIALIZE), restarted.recoveredState());
      assertTrue(restarted.previousStopClean());
    }
  }

  private static InstanceLab lab(JournalDatabase db) {
    return new InstanceLab(ManualTime.config().withFallback(db.actorSystemConfig()), JdbcReadJournal.Identifier());
  }
}
