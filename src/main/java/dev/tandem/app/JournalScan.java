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
import java.util.function.BiConsumer;

/**
 * Streams the events of one or several journals straight from the plugin's table, a page at a time,
 * one instance at a time with its nodes merged by event time: memory stays flat whatever the size of
 * the journal. Plain JDBC rather than Persistence Query: no actor system to start, no envelope per
 * event, and kinds this build has no class for are still read (as their JSON).
 */
final class JournalScan implements AutoCloseable {
  private static final int PAGE = 5000;
  // A range of sequence numbers, not ORDER BY ... LIMIT: H2 sorts every later row of the persistence
  // id for a LIMIT (its plan is not "index sorted"), which made a large journal quadratic.
  private static final String PAGE_QUERY = "SELECT sequence_number, event_payload FROM event_journal"
      + " WHERE persistence_id = ? AND sequence_number > ? AND sequence_number <= ? AND NOT deleted"
      + " ORDER BY sequence_number";
  private static final String NEXT_QUERY = "SELECT MIN(sequence_number) FROM event_journal"
      + " WHERE persistence_id = ? AND sequence_number > ?";

  private final List<Connection> connections;

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
      try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT persistence_id FROM event_journal");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          String[] parts = id.split("\\|", 3);
          String instance = parts.length == 3 ? parts[2] : id;
          if (filter.showsInstance(instance)) {
            instances.computeIfAbsent(instance, i -> new ArrayList<>()).add(new Cursor(c, id));
          }
        }
      }
    }
    return instances;
  }

  @Override
  public void close() throws SQLException {
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

  /** One persistence id's events in sequence order, fetched a page at a time. */
  private static final class Cursor implements Iterator<JournalEntry>, AutoCloseable {
    private final Connection connection;
    private final String persistenceId;
    private final ArrayDeque<JournalEntry> page = new ArrayDeque<>();
    private PreparedStatement statement;
    private PreparedStatement next;
    private long lastSequence;
    private boolean exhausted;

    Cursor(Connection connection, String persistenceId) {
      this.connection = connection;
      this.persistenceId = persistenceId;
    }

    JournalEntry peek() {
      return page.getFirst();
    }

    @Override
    public boolean hasNext() {
      if (page.isEmpty() && !exhausted) {
        fetch();
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

    /** The next page with events; pages emptied by pruning or deletion are skipped. */
    private void fetch() {
      try {
        if (statement == null) {
          statement = connection.prepareStatement(PAGE_QUERY);
          next = connection.prepareStatement(NEXT_QUERY);
        }
        while (page.isEmpty() && !exhausted) {
          long from = nextSequence();
          exhausted = from == 0;
          if (!exhausted) {
            readPage(from - 1);
          }
        }
      } catch (SQLException e) {
        throw new JournalUnreadable("cannot read " + persistenceId + " from the journal: " + e.getMessage());
      }
    }

    /** The first sequence number after the last one read; 0 when there is none. */
    private long nextSequence() throws SQLException {
      next.setString(1, persistenceId);
      next.setLong(2, lastSequence);
      try (ResultSet rs = next.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }

    private void readPage(long after) throws SQLException {
      statement.setString(1, persistenceId);
      statement.setLong(2, after);
      statement.setLong(3, after + PAGE);
      lastSequence = after + PAGE;
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          page.add(decode(rs.getLong(1), rs.getBytes(2)));
        }
      }
    }

    private JournalEntry decode(long sequence, byte[] payload) {
      try {
        return EventJson.decode(payload);
      } catch (IOException e) {
        throw new JournalUnreadable("event " + sequence + " of " + persistenceId + " is unreadable: "
            + e.getMessage());
      }
    }

    @Override
    public void close() throws SQLException {
      if (statement != null) {
        statement.close();
        next.close();
      }
    }
  }
}
