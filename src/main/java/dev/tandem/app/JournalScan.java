package dev.tandem.app;

import dev.tandem.audit.AuditFilter;
import dev.tandem.audit.EventJson;
import dev.tandem.audit.JournalEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Streams the events of one or several journals straight from the plugin's table, a page at a time,
 * one instance at a time with its nodes merged by event time: memory stays flat whatever the size of
 * the journal. Plain JDBC rather than Persistence Query: no actor system to start, no envelope per
 * event, and kinds this build has no class for are still read (as their JSON).
 */
final class JournalScan implements AutoCloseable {
  private static final int PAGE = 5000;
  // Both queries order by the primary key's columns, so that H2 walks the key ("index sorted" in its
  // plan): ordered by sequence_number alone, it sorted every later row of the persistence id for each
  // page (quadratic), and SELECT DISTINCT persistence_id grouped every row of the table.
  private static final String PAGE_QUERY = "SELECT sequence_number, event_payload, event_ser_manifest FROM event_journal"
      + " WHERE persistence_id = ? AND sequence_number > ? AND NOT deleted"
      + " ORDER BY persistence_id, sequence_number LIMIT " + PAGE;
  private static final String NEXT_ID_QUERY = "SELECT persistence_id FROM event_journal"
      + " WHERE persistence_id > ? ORDER BY persistence_id LIMIT 1";

  private final List<Connection> connections;
  /** Reads and decodes the next page of every cursor while the caller analyses the current one. */
  private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "journal-reader");
    thread.setDaemon(true);
    return thread;
  });

  private JournalScan(List<Connection> connections) {
    this.connections = connections;
  }

  static JournalScan open(List<Path> dirs) throws SQLException {
    List<Connection> connections = new ArrayList<>();
    try {
      for (Path dir : dirs) {
        connections.add(new JournalDatabase(dir).connect());
      }
    } catch (SQLException e) {
      new JournalScan(connections).close();
      throw e;
    }
    return new JournalScan(connections);
  }

  /**
   * Calls {@code consumer} for each instance the filter selects, in name order, with its events from
   * every node and journal in time order. A stored event that cannot be read ends the scan with a
   * {@link JournalUnreadable} naming it.
   */
  void forEachInstance(AuditFilter filter, BiConsumer<String, Iterator<JournalEntry>> consumer) throws SQLException {
    for (var instance : cursorsByInstance(filter).entrySet()) {
      try {
        consumer.accept(instance.getKey(), new Merge(instance.getValue()));
      } finally {
        for (Cursor cursor : instance.getValue()) {
          cursor.close();
        }
      }
    }
  }

  /** The instance names in these journals. */
  List<String> instanceNames() throws SQLException {
    return new ArrayList<>(cursorsByInstance(AuditFilter.ALL).keySet());
  }

  private TreeMap<String, List<Cursor>> cursorsByInstance(AuditFilter filter) throws SQLException {
    TreeMap<String, List<Cursor>> instances = new TreeMap<>();
    for (Connection c : connections) {
      try (PreparedStatement st = c.prepareStatement(NEXT_ID_QUERY)) {
        String id = "";
        while ((id = nextId(st, id)) != null) {
          String[] parts = id.split("\\|", 3);
          String instance = parts.length == 3 ? parts[2] : id;
          if (filter.showsInstance(instance)) {
            instances.computeIfAbsent(instance, i -> new ArrayList<>()).add(new Cursor(c, id, reader));
          }
        }
      }
    }
    return instances;
  }

  /** The persistence id after {@code previous}, or null: one index step per id, not a scan of every event. */
  private static String nextId(PreparedStatement st, String previous) throws SQLException {
    st.setString(1, previous);
    try (ResultSet rs = st.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  public void close() throws SQLException {
    reader.shutdownNow();
    for (Connection c : connections) {
      c.close();
    }
  }

  /** The events of several cursors, earliest first (ties by node, for a stable order). */
  private static final class Merge implements Iterator<JournalEntry> {
    private final PriorityQueue<Cursor> queue = new PriorityQueue<>(
        Comparator.comparing((Cursor c) -> c.peek().at()).thenComparing(c -> c.peek().node()));

    Merge(List<Cursor> cursors) {
      cursors.stream().filter(Cursor::hasNext).forEach(queue::add);
    }

    @Override
    public boolean hasNext() {
      return !queue.isEmpty();
    }

    @Override
    public JournalEntry next() {
      Cursor cursor = queue.poll();
      if (cursor == null) {
        throw new NoSuchElementException();
      }
      JournalEntry entry = cursor.next();
      if (cursor.hasNext()) {
        queue.add(cursor);
      }
      return entry;
    }
  }

  /**
   * One persistence id's events in sequence order, a page at a time; the next page is read ahead on
   * the reader thread (so JDBC and JSON run beside the analysis, on the second core).
   */
  private static final class Cursor implements Iterator<JournalEntry>, AutoCloseable {
    private final Connection connection;
    private final String persistenceId;
    private final Executor reader;
    private final ArrayDeque<JournalEntry> page = new ArrayDeque<>();
    private PreparedStatement statement;
    private CompletableFuture<Page> ahead;
    private boolean exhausted;

    /** A page: its events, the last sequence number read, and whether more may follow. */
    private record Page(List<JournalEntry> entries, long last, boolean more) {}

    Cursor(Connection connection, String persistenceId, Executor reader) {
      this.connection = connection;
      this.persistenceId = persistenceId;
      this.reader = reader;
    }

    JournalEntry peek() {
      return page.getFirst();
    }

    @Override
    public boolean hasNext() {
      if (page.isEmpty() && !exhausted) {
        Page next = await(ahead != null ? ahead : readAfter(0));
        page.addAll(next.entries());
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

    private CompletableFuture<Page> readAfter(long sequence) {
      return CompletableFuture.supplyAsync(() -> read(sequence), reader);
    }

    private static Page await(CompletableFuture<Page> page) {
      try {
        return page.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof JournalUnreadable unreadable ? unreadable : e;
      }
    }

    /** Runs on the reader thread only. */
    private Page read(long after) {
      try {
        if (statement == null) {
          statement = connection.prepareStatement(PAGE_QUERY);
        }
        statement.setString(1, persistenceId);
        statement.setLong(2, after);
        List<JournalEntry> entries = new ArrayList<>(PAGE);
        long last = after;
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            last = rs.getLong(1);
            entries.add(decode(last, rs.getBytes(2), rs.getString(3)));
          }
        }
        return new Page(entries, last, entries.size() == PAGE);
      } catch (SQLException e) {
        throw new JournalUnreadable("cannot read " + persistenceId + " from the journal: " + e.getMessage());
      }
    }

    private JournalEntry decode(long sequence, byte[] payload, String manifest) {
      try {
        return EventJson.decode(payload, manifest);
      } catch (IOException e) {
        throw new JournalUnreadable("event " + sequence + " of " + persistenceId + " is unreadable: "
            + e.getMessage());
      }
    }

    /** Waits for a read still under way, so the statement is not closed under it. */
    @Override
    public void close() throws SQLException {
      if (ahead != null) {
        ahead.handle((page, failure) -> page).join();
      }
      if (statement != null) {
        statement.close();
      }
    }
  }
}
