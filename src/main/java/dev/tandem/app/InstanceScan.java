package dev.tandem.app;

import dev.tandem.app.PageReading.Page;
import dev.tandem.app.PageReading.ReadEvent;
import dev.tandem.audit.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * One instance's events in one journal, read in the table's insertion order (its row ids) in one
 * pass that the cursors of the instance's persistence ids share. Walking each id by the index cost
 * a lookup in the table per event and decoded each page once per id: reading the 1,000,000 events of
 * the audit's benchmark by the index took 5.4 s (JDBC alone, one thread), the pass over one instance's
 * 500,000 of them 1.05 s. A node journals its events in time order (and an id's in sequence order),
 * so the pass is already close to the merge's order; when it is not, what a cursor holds while
 * another's next event lies further on is bounded: past that, the cursor that waits reads on by the
 * index ({@link PersistenceIdCursor}) and the pass leaves its events out.
 */
final class InstanceScan implements AutoCloseable {
  private static final int PAGE = 1000;

  private final Connection connection;
  private final String instance;
  private final PageReading pages;
  private final int heldBound;
  private final String query;
  private final List<IdCursor> cursors = new ArrayList<>();
  /** Each id's place in {@link #cursors}; read on the reader thread too, so never changed. */
  private final Map<String, Integer> places;
  private PreparedStatement statement;
  private CompletableFuture<Page<List<ReadEvent>>> ahead;
  private boolean exhausted;
  private int held;

  /**
   * The pass over {@code persistenceIds} (an instance's, in {@code connection}'s journal); at most
   * {@code heldBound} events wait in cursors for the merge.
   */
  InstanceScan(Connection connection, String instance, List<String> persistenceIds, PageReading pages, int heldBound) {
    this.connection = connection;
    this.instance = instance;
    this.pages = pages;
    this.heldBound = heldBound;
    // USE INDEX (): H2 otherwise answers the IN by the primary key's index, one lookup per row again.
    this.query = "SELECT persistence_id, sequence_number, event_payload, event_ser_manifest, _ROWID_"
        + " FROM event_journal USE INDEX () WHERE persistence_id IN ("
        + String.join(", ", Collections.nCopies(persistenceIds.size(), "?")) + ") AND NOT deleted AND _ROWID_ > ?"
        + " ORDER BY _ROWID_ LIMIT " + PAGE;
    Map<String, Integer> places = new HashMap<>();
    for (String id : persistenceIds) {
      places.put(id, cursors.size());
      cursors.add(new IdCursor(id));
    }
    this.places = Map.copyOf(places);
    this.ahead = readAfter(0, List.copyOf(persistenceIds));
  }

  /** A cursor per persistence id, in the order they were given. */
  List<EventCursor> cursors() {
    return new ArrayList<>(cursors);
  }

  /** Reads on until {@code waiting} has an event or the pass ends; false when that would hold too many. */
  private boolean readOnFor(IdCursor waiting) {
    while (waiting.events.isEmpty() && !exhausted) {
      if (held >= heldBound) {
        return false;
      }
      Page<List<ReadEvent>> page = PageReading.await(ahead);
      exhausted = !page.more();
      ahead = exhausted ? null : readAfter(page.last(), onThePass());
      for (int place = 0; place < cursors.size(); place++) {
        IdCursor cursor = cursors.get(place);
        if (cursor.byIndex == null) {
          cursor.events.addAll(page.events().get(place));
          held += page.events().get(place).size();
        }
      }
    }
    return true;
  }

  /** The ids whose cursors still read from the pass (the one waiting for it, at least). */
  private List<String> onThePass() {
    return cursors.stream().filter(c -> c.byIndex == null).map(c -> c.persistenceId).toList();
  }

  /**
   * The page after {@code rowId}, its events by their cursor's place (looked up on the reader thread,
   * sorted on the decoder's: on the analysis's thread, the lookups were a tenth of its time); the
   * query's places for ids read by the index repeat another id.
   */
  private CompletableFuture<Page<List<ReadEvent>>> readAfter(long rowId, List<String> persistenceIds) {
    return pages.read(() -> {
      if (statement == null) {
        statement = connection.prepareStatement(query);
      }
      for (int i = 0; i < cursors.size(); i++) {
        statement.setString(i + 1, persistenceIds.get(i % persistenceIds.size()));
      }
      statement.setLong(cursors.size() + 1, rowId);
      return PageReading.rows(statement, PAGE, 5, rowId, places::get);
    }, "instance " + instance, this::byPlace);
  }

  private Page<List<ReadEvent>> byPlace(Page<ReadEvent> page) {
    List<List<ReadEvent>> byPlace = new ArrayList<>(places.size());
    for (int i = 0; i < places.size(); i++) {
      byPlace.add(new ArrayList<>());
    }
    for (ReadEvent event : page.events()) {
      byPlace.get(event.place()).add(event);
    }
    return new Page<>(byPlace, page.last(), page.more());
  }

  /** Waits for a read still under way, so that the statement is not closed under it. */
  @Override
  public void close() throws SQLException {
    PageReading.settle(ahead);
    if (statement != null) {
      statement.close();
    }
    for (IdCursor cursor : cursors) {
      if (cursor.byIndex != null) {
        cursor.byIndex.close();
      }
    }
  }

  /** A persistence id's share of the pass, or its own walk by the index once it fell behind. */
  private final class IdCursor implements EventCursor {
    private final String persistenceId;
    private final ArrayDeque<ReadEvent> events = new ArrayDeque<>();
    private long lastSequence;
    private PersistenceIdCursor byIndex;

    IdCursor(String persistenceId) {
      this.persistenceId = persistenceId;
    }

    @Override
    public boolean hasNext() {
      if (byIndex == null && !readOnFor(this)) {
        byIndex = new PersistenceIdCursor(connection, persistenceId, pages, lastSequence);
      }
      return byIndex != null ? byIndex.hasNext() : !events.isEmpty();
    }

    @Override
    public JournalEntry peek() {
      return byIndex != null ? byIndex.peek() : events.getFirst().entry();
    }

    @Override
    public JournalEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (byIndex != null) {
        return byIndex.next();
      }
      ReadEvent event = events.removeFirst();
      held--;
      lastSequence = event.sequence();
      return event.entry();
    }
  }
}
