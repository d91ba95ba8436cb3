package dev.tandem.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet journal's tables in PostgreSQL. A node's events are keyed by (node, journal,
 * persistence id, sequence nr): the node id, not the router_id, tells hosts apart (both seed 003
 * nodes use LVS_DEVEL), and the journal id tells a node's re-created local journal from the one it
 * lost, whose sequence numbers started from 1 as well. Each batch is written in one transaction
 * with the offset it reaches, so a crash neither loses nor duplicates events.
 */
public final class FleetStore {
  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS tandem_fleet_event ("
        + " node text NOT NULL,"
        + " journal text NOT NULL,"
        + " persistence_id text NOT NULL,"
        + " sequence_nr bigint NOT NULL,"
        + " instance text NOT NULL,"
        + " event_time timestamptz NOT NULL,"
        + " kind text NOT NULL,"
        + " schema_version integer NOT NULL,"
        + " event json NOT NULL,"
        + " PRIMARY KEY (node, journal, persistence_id, sequence_nr))",
    "CREATE INDEX IF NOT EXISTS tandem_fleet_event_time ON tandem_fleet_event (event_time)",
    "CREATE TABLE IF NOT EXISTS tandem_fleet_offset ("
        + " node text NOT NULL,"
        + " journal text NOT NULL,"
        + " journal_offset bigint NOT NULL,"
        + " updated timestamptz NOT NULL,"
        + " PRIMARY KEY (node, journal))"
  };

  private final Connection connection;

  public FleetStore(Connection connection) {
    this.connection = connection;
  }

  /**
   * Creates the tables when they are missing; safe at every connect. Under a lock, because two
   * nodes creating them at once collide in PostgreSQL's catalog despite IF NOT EXISTS.
   */
  public void ensureSchema() throws SQLException {
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(hashtext('tandem_fleet_schema'))");
      for (String sql : SCHEMA) {
        st.execute(sql);
      }
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw e;
    }
  }

  /** The local journal offset shipped so far for this node's journal; 0 when none. */
  public long offset(String node, String journal) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(
        "SELECT journal_offset FROM tandem_fleet_offset WHERE node = ? AND journal = ?")) {
      st.setString(1, node);
      st.setString(2, journal);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    }
  }

  /** Stores the events (those already there are skipped) and the offset they reach, in one transaction. */
  public void write(String node, String journal, List<ShippedEvent> events, long offset) throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO tandem_fleet_event (node, journal, persistence_id, sequence_nr, instance, event_time, kind,"
                + " schema_version, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::json) ON CONFLICT DO NOTHING");
        PreparedStatement upsertOffset = connection.prepareStatement(
            "INSERT INTO tandem_fleet_offset (node, journal, journal_offset, updated) VALUES (?, ?, ?, now())"
                + " ON CONFLICT (node, journal) DO UPDATE SET journal_offset = EXCLUDED.journal_offset, updated = now()")) {
      for (ShippedEvent e : events) {
        insert.setString(1, node);
        insert.setString(2, journal);
        insert.setString(3, e.persistenceId());
        insert.setLong(4, e.sequenceNr());
        insert.setString(5, e.instance());
        insert.setTimestamp(6, Timestamp.from(e.at()));
        insert.setString(7, e.kind());
        insert.setInt(8, e.schema());
        insert.setString(9, e.json());
        insert.addBatch();
      }
      insert.executeBatch();
      upsertOffset.setString(1, node);
      upsertOffset.setString(2, journal);
      upsertOffset.setLong(3, offset);
      upsertOffset.executeUpdate();
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw e;
    }
  }

  /** Every event's JSON, in time order (ties in journal order), for the audit. */
  public List<String> allJson() throws SQLException {
    List<String> json = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT event FROM tandem_fleet_event"
            + " ORDER BY event_time, node, journal, persistence_id, sequence_nr")) {
      while (rs.next()) {
        json.add(rs.getString(1));
      }
    }
    return json;
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The write's own failure is the one to report; a broken connection is replaced anyway.
    }
  }
}
