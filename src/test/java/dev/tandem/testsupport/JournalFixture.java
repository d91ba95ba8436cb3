package dev.tandem.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tandem.app.JournalDatabase;
import dev.tandem.audit.EventJson;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.VrrpInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes events into a journal the way pekko-persistence-jdbc does (its table, the jackson-json
 * serializer's JSON and manifest), without an actor system: for audit tests and the audit benchmark.
 * Its connection stays open until closed, as a running controller's does.
 */
public final class JournalFixture implements AutoCloseable {
  /** Pekko's serializer id for jackson-json. */
  private static final int JACKSON_JSON = 33;
  private static final int BATCH = 1000;
  private static final ObjectWriter WRITER = EventJson.MAPPER.writerFor(InstanceEvent.class);

  private final Connection connection;
  private final PreparedStatement insert;
  private final Map<String, Long> sequence = new HashMap<>();
  private int pending;

  private JournalFixture(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.insert = connection.prepareStatement("INSERT INTO event_journal (deleted, persistence_id, sequence_number,"
        + " writer, write_timestamp, adapter_manifest, event_payload, event_ser_id, event_ser_manifest)"
        + " VALUES (FALSE, ?, ?, 'fixture', ?, '', ?, " + JACKSON_JSON + ", ?)");
  }

  public static JournalFixture create(Path dir) throws IOException, SQLException {
    JournalDatabase db = new JournalDatabase(dir);
    db.ensureSchema();
    return new JournalFixture(DriverManager.getConnection(db.url()));
  }

  public JournalFixture append(InstanceEvent event) throws SQLException {
    try {
      return append(event.node(), event.instance(), WRITER.writeValueAsBytes(event), event.getClass().getName(),
          event.at().toEpochMilli());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An event as raw JSON: a kind this build may not know. */
  public JournalFixture appendJson(String node, String instance, String json, long writtenAtMillis) throws SQLException {
    return append(node, instance, json.getBytes(StandardCharsets.UTF_8), "some.future.Event", writtenAtMillis);
  }

  private JournalFixture append(String node, String instance, byte[] payload, String manifest, long writtenAt)
      throws SQLException {
    String id = VrrpInstance.persistenceId(node, instance).id();
    insert.setString(1, id);
    insert.setLong(2, sequence.merge(id, 1L, Long::sum));
    insert.setLong(3, writtenAt);
    insert.setBytes(4, payload);
    insert.setString(5, manifest);
    insert.addBatch();
    if (++pending == BATCH) {
      flush();
    }
    return this;
  }

  /** Makes what was appended visible to readers. */
  public void flush() throws SQLException {
    insert.executeBatch();
    connection.commit();
    pending = 0;
  }

  @Override
  public void close() throws SQLException {
    flush();
    insert.close();
    connection.close();
  }
}
