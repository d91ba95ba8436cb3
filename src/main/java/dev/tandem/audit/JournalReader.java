package dev.tandem.audit;

import com.typesafe.config.Config;
import dev.tandem.instance.InstanceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/** Reads every instance event of one journal through Persistence Query, in journal order per instance. */
public final class JournalReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private JournalReader() {}

  /** {@code config} is an actor-system config whose jdbc-read-journal points at the journal to read. */
  public static List<InstanceEvent> readAll(Config config) throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tandem-audit", config);
    try {
      JdbcReadJournal journal = PersistenceQuery.get(system)
          .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      List<String> ids = journal.currentPersistenceIds().runWith(Sink.seq(), system)
          .toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      List<InstanceEvent> events = new ArrayList<>();
      for (String id : ids) {
        journal.currentEventsByPersistenceId(id, 0, Long.MAX_VALUE)
            .map(e -> (InstanceEvent) e.event())
            .runWith(Sink.seq(), system)
            .toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .forEach(events::add);
      }
      return events;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
