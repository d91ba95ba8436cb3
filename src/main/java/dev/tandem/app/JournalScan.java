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
  // Small pages keep a node's cursors close in the table: the rows of one instance's nodes share H2
  // pages, which a second cursor then finds in H2's cache (5000 decoded most pages twice).
  private static final int PAGE = 1000;
  // Both queries order by the primary key's columns, so that H2 walks the key ("index sorted" in its
  // plan): ordered by sequence_number alone, it sorted every later row of the persistence id for each
  // page (quadratic), and SELECT DISTINCT persistence_id grouped every row of the table.
  private static final String PAGE_QUERY = "SELECT sequence_number, event_payload, event_ser_manifest FROM event_journal"
      + " WHERE persistence_id = ? AND sequence_number > ? AND NOT deleted"
      + " ORDER BY persistence_id, sequence_number LIMIT " + PAGE;
  // ">= previous + NUL" (the least string after previous), not "> previous": H2 starts a ">" range at
  // the previous id and walks every one of its rows (3 s for 1M events), a ">=" range seeks past them.
  private static final String NEXT_ID_QUERY = "SELECT persistence_id FROM event_journal"
      + " WHERE persistence_id >= ? ORDER BY persistence_id LIMIT 1";

  private final List<Connection> connections;
  /**
   * Two stages beside the analysis on the main thread: one thread reads pages of rows over JDBC, the
   * other decodes their JSON. Reading and decoding on one thread made it the slowest of the two.
   */
  private final ExecutorService reader = daemonThread("journal-reader");
  private final ExecutorService decoder = daemonThread("journal-decoder");

  private JournalScan(List<Connection> connections) {
    this.connections = connections;
  }

  static JournalScan open(List<Path> dirs) throws SQLException {
    List<Connection> connections = new ArrayList<>();
    try {
      for (Path dir : dirs) {
        connections.add(new JournalDatabase(dir).connectForScan());
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
            instances.computeIfAbsent(instance, i -> new ArrayList<>()).add(new Cursor(c, id, reader, decoder));
          }
        }
      }
    }
    return instances;
  }

  private static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The persistence id after {@code previous}, or null: one index step per id, not a scan of every event. */
  private static String nextId(PreparedStatement st, String previous) throws SQLException {
    st.setString(1, previous + '\u0000');
    try (ResultSet rs = st.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  public void close() throws SQLException {
    reader.shutdownNow();
    decoder.shutdownNow();
    for (Connection c : connections) {
      c.close();
    }
  }

  /** The events of several cursors, earliest first (ties by node, for a stable order). */
  private static final class Merge implements Iterator<JournalEntry> {
    private final PriorityQueue<Cursor> queue = new PriorityQueue<>(Merge::earlierFirst);

    Merge(List<Cursor> cursors) {
      cursors.stream().filter(Cursor::hasNext).forEach(queue::add);
    }

    /** Written out rather than Comparator.comparing(...).thenComparing(...): it runs twice per event. */
    private static int earlierFirst(Cursor a, Cursor b) {
      int byTime = a.peek().at().compareTo(b.peek().at());
      return byTime != 0 ? byTime : a.peek().node().compareTo(b.peek().node());
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
   * the reader thread and decoded on the decoder thread (so JDBC and JSON run beside the analysis).
   */
  private static final class Cursor implements Iterator<JournalEntry>, AutoCloseable {
    private final Connection connection;
    private final String persistenceId;
    private final Executor reader;
    private final Executor decoder;
    private final ArrayDeque<JournalEntry> page = new ArrayDeque<>();
    private PreparedStatement statement;
    private CompletableFuture<Page<JournalEntry>> ahead;
    private boolean exhausted;

    /** A page: its rows or events, the last sequence number read, and whether more may follow. */
    private record Page<T>(List<T> entries, long last, boolean more) {}

    /** A row as stored: the event's payload and the class name its serializer wrote. */
    private record StoredEvent(long sequence, byte[] payload, String manifest) {}

    Cursor(Connection connection, String persistenceId, Executor reader, Executor decoder) {
      this.connection = connection;
      this.persistenceId = persistenceId;
      this.reader = reader;
      this.decoder = decoder;
    }

    JournalEntry peek() {
      return page.getFirst();
    }

    @Override
    public boolean hasNext() {
      if (page.isEmpty() && !exhausted) {
        Page<JournalEntry> next = await(ahead != null ? ahead : readAfter(0));
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

    private CompletableFuture<Page<JournalEntry>> readAfter(long sequence) {
      return CompletableFuture.supplyAsync(() -> read(sequence), reader).thenApplyAsync(this::decode, decoder);
    }

    private static Page<JournalEntry> await(CompletableFuture<Page<JournalEntry>> page) {
      try {
        return page.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof JournalUnreadable unreadable ? unreadable : e;
      }
    }

    /** Runs on the reader thread only. */
    private Page<StoredEvent> read(long after) {
      try {
        if (statement == null) {
          statement = connection.prepareStatement(PAGE_QUERY);
        }
        statement.setString(1, persistenceId);
        statement.setLong(2, after);
        List<StoredEvent> rows = new ArrayList<>(PAGE);
        long last = after;
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            last = rs.getLong(1);
            rows.add(new StoredEvent(last, rs.getBytes(2), rs.getString(3)));
          }
        }
        return new Page<>(rows, last, rows.size() == PAGE);
      } catch (SQLException e) {
        throw new JournalUnreadable("cannot read " + persistenceId + " from the journal: " + e.getMessage());
      }
    }

    /** Runs on the decoder thread only. */
    private Page<JournalEntry> decode(Page<StoredEvent> rows) {
      List<JournalEntry> entries = new ArrayList<>(rows.entries().size());
      for (StoredEvent row : rows.entries()) {
        try {
          entries.add(EventJson.decode(row.payload(), row.manifest()));
        } catch (IOException e) {
          throw new JournalUnreadable("event " + row.sequence() + " of " + persistenceId + " is unreadable: "
              + e.getMessage());
        }
      }
      return new Page<>(entries, rows.last(), rows.more());
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
