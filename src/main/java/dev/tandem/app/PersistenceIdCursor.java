package dev.tandem.app;

import dev.tandem.app.PageReading.Page;
import dev.tandem.app.PageReading.ReadEvent;
import dev.tandem.audit.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * One persistence id's events walked by the primary key's index, a page at a time, the next page
 * read ahead. It costs an index lookup per event, so {@link InstanceScan} is preferred when an
 * instance's events are a large part of the table.
 */
final class PersistenceIdCursor implements EventCursor, AutoCloseable {
  // Small pages keep a node's cursors close in the table: the rows of one instance's nodes share H2
  // pages, which a second cursor then finds in H2's cache (5000 decoded most pages twice).
  private static final int PAGE = 1000;
  // Ordered by the primary key's columns, so that H2 walks the key ("index sorted" in its plan):
  // ordered by sequence_number alone, it sorted every later row of the persistence id for each page.
  private static final String PAGE_QUERY = "SELECT persistence_id, sequence_number, event_payload, event_ser_manifest"
      + " FROM event_journal WHERE persistence_id = ? AND sequence_number > ? AND NOT deleted"
      + " ORDER BY persistence_id, sequence_number LIMIT " + PAGE;

  private final Connection connection;
  private final String persistenceId;
  private final PageReading pages;
  private final ArrayDeque<JournalEntry> page = new ArrayDeque<>();
  private PreparedStatement statement;
  private CompletableFuture<Page<ReadEvent>> ahead;
  private boolean exhausted;

  /** The events of {@code persistenceId} after sequence number {@code after}. */
  PersistenceIdCursor(Connection connection, String persistenceId, PageReading pages, long after) {
    this.connection = connection;
    this.persistenceId = persistenceId;
    this.pages = pages;
    this.ahead = readAfter(after);
  }

  @Override
  public JournalEntry peek() {
    return page.getFirst();
  }

  @Override
  public boolean hasNext() {
    if (page.isEmpty() && !exhausted) {
      Page<ReadEvent> next = PageReading.await(ahead);
      next.events().forEach(event -> page.add(event.entry()));
      exhausted = !next.more();
      ahead = exhausted ? null : readAfter(next.last());
    }
    return !page.isEmpty();
  }

  @Override
  public JournalEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.removeFirst();
  }

  private CompletableFuture<Page<ReadEvent>> readAfter(long sequence) {
    return pages.read(() -> {
      if (statement == null) {
        statement = connection.prepareStatement(PAGE_QUERY);
      }
      statement.setString(1, persistenceId);
      statement.setLong(2, sequence);
      return PageReading.rows(statement, PAGE, 2, sequence, id -> 0);
    }, persistenceId);
  }

  @Override
  public void close() throws SQLException {
    PageReading.settle(ahead);
    if (statement != null) {
      statement.close();
    }
  }
}
