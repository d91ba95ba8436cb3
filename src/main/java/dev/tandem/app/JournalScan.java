package dev.tandem.app;

import dev.tandem.audit.AuditFilter;
import dev.tandem.audit.JournalEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  /**
   * How an instance's events are read: in one pass over the table ({@link InstanceScan}) when they are
   * at least a {@code indexCost}-th of its rows, else by the index ({@link PersistenceIdCursor}); a pass
   * holds at most {@code heldEvents} events for the merge.
   */
  record Reading(int indexCost, int heldEvents) {
    /**
     * A pass cost about 1.05 s per 1,000,000 rows of the table whatever the instance's share, the
     * index 5.4 s per 1,000,000 of the instance's events. 20,000 held events are about 10 MB of the
     * audit's 256.
     */
    static final Reading DEFAULT = new Reading(4, 20_000);
  }

  // ">= previous + NUL" (the least string after previous), not "> previous": H2 starts a ">" range at
  // the previous id and walks every one of its rows (3 s for 1M events), a ">=" range seeks past them.
  private static final String NEXT_ID_QUERY = "SELECT persistence_id FROM event_journal"
      + " WHERE persistence_id >= ? ORDER BY persistence_id LIMIT 1";
  // Backwards along the primary key: one seek, where MAX(sequence_number) would read the id's rows.
  private static final String LAST_SEQUENCE_QUERY = "SELECT sequence_number FROM event_journal"
      + " WHERE persistence_id = ? ORDER BY persistence_id DESC, sequence_number DESC LIMIT 1";
  // H2 keeps a table's row count: no scan.
  private static final String ROW_COUNT_QUERY = "SELECT COUNT(*) FROM event_journal";

  private final List<Connection> connections;
  private final Reading reading;
  private final PageReading pages = new PageReading();

  private JournalScan(List<Connection> connections, Reading reading) {
    this.connections = connections;
    this.reading = reading;
  }

  static JournalScan open(List<Path> dirs) throws SQLException {
    return open(dirs, Reading.DEFAULT);
  }

  static JournalScan open(List<Path> dirs, Reading reading) throws SQLException {
    List<Connection> connections = new ArrayList<>();
    try {
      for (Path dir : dirs) {
        connections.add(new JournalDatabase(dir).connectForScan());
      }
    } catch (SQLException e) {
      new JournalScan(connections, reading).close();
      throw e;
    }
    return new JournalScan(connections, reading);
  }

  /**
   * Calls {@code consumer} for each instance the filter selects, in name order, with its events from
   * every node and journal in time order. A stored event that cannot be read ends the scan with a
   * {@link JournalUnreadable} naming it.
   */
  void forEachInstance(AuditFilter filter, BiConsumer<String, Iterator<JournalEntry>> consumer) throws SQLException {
    for (var instance : idsByInstance(filter).entrySet()) {
      List<Source> sources = new ArrayList<>();
      try {
        List<EventCursor> cursors = new ArrayList<>();
        for (var journal : instance.getValue().entrySet()) {
          cursors.addAll(open(journal.getKey(), instance.getKey(), journal.getValue(), sources));
        }
        consumer.accept(instance.getKey(), new Merge(cursors));
      } finally {
        closeAll(sources);
      }
    }
  }

  /** The instance names in these journals. */
  List<String> instanceNames() throws SQLException {
    return new ArrayList<>(idsByInstance(AuditFilter.ALL).keySet());
  }

  /** The cursors of an instance's persistence ids in one journal; what they read from joins {@code sources}. */
  private List<EventCursor> open(Connection c, String instance, List<String> ids, List<Source> sources)
      throws SQLException {
    if (passPays(c, ids)) {
      InstanceScan scan = new InstanceScan(c, instance, ids, pages, reading.heldEvents());
      sources.add(scan::close);
      return scan.cursors();
    }
    List<EventCursor> cursors = new ArrayList<>();
    for (String id : ids) {
      PersistenceIdCursor cursor = new PersistenceIdCursor(c, id, pages, 0);
      sources.add(cursor::close);
      cursors.add(cursor);
    }
    return cursors;
  }

  /** Whether the ids' events (by their last sequence numbers) are enough of the table for a pass. */
  private boolean passPays(Connection c, List<String> ids) throws SQLException {
    long events = 0;
    try (PreparedStatement st = c.prepareStatement(LAST_SEQUENCE_QUERY)) {
      for (String id : ids) {
        st.setString(1, id);
        try (ResultSet rs = st.executeQuery()) {
          events += rs.next() ? rs.getLong(1) : 0;
        }
      }
    }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ROW_COUNT_QUERY)) {
      rs.next();
      return events * reading.indexCost() >= rs.getLong(1);
    }
  }

  /** What a cursor reads from, closed once its instance is done. */
  private interface Source {
    void close() throws SQLException;
  }

  private static void closeAll(List<Source> sources) throws SQLException {
    for (Source source : sources) {
      source.close();
    }
  }

  /** Per instance, the journals holding it and its persistence ids in each, in journal then id order. */
  private TreeMap<String, Map<Connection, List<String>>> idsByInstance(AuditFilter filter) throws SQLException {
    TreeMap<String, Map<Connection, List<String>>> instances = new TreeMap<>();
    for (Connection c : connections) {
      try (PreparedStatement st = c.prepareStatement(NEXT_ID_QUERY)) {
        String id = "";
        while ((id = nextId(st, id)) != null) {
          String[] parts = id.split("\\|", 3);
          String instance = parts.length == 3 ? parts[2] : id;
          if (filter.showsInstance(instance)) {
            instances.computeIfAbsent(instance, i -> new LinkedHashMap<>())
                .computeIfAbsent(c, journal -> new ArrayList<>()).add(id);
          }
        }
      }
    }
    return instances;
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
    pages.close();
    for (Connection c : connections) {
      c.close();
    }
  }

  /** The events of several cursors, earliest first (ties by node, for a stable order). */
  private static final class Merge implements Iterator<JournalEntry> {
    private final PriorityQueue<EventCursor> queue = new PriorityQueue<>(Merge::earlierFirst);

    Merge(List<EventCursor> cursors) {
      cursors.stream().filter(EventCursor::hasNext).forEach(queue::add);
    }

    /** Written out rather than Comparator.comparing(...).thenComparing(...): it runs twice per event. */
    private static int earlierFirst(EventCursor a, EventCursor b) {
      int byTime = a.peek().at().compareTo(b.peek().at());
      return byTime != 0 ? byTime : a.peek().node().compareTo(b.peek().node());
    }

    @Override
    public boolean hasNext() {
      return !queue.isEmpty();
    }

    @Override
    public JournalEntry next() {
      EventCursor cursor = queue.poll();
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
}
