package dev.tandem.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.tandem.audit.AuditFilter;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.StateChanged;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The embedded journal: an H2 file database under the journal directory, reached through
 * pekko-persistence-jdbc. WRITE_DELAY=0 because H2's default acknowledges writes ~0.7 s before they
 * reach the file (a SIGKILL lost acknowledged events); DATABASE_TO_UPPER=false because the plugin's
 * table names are lower case. AUTO_SERVER lets `tandem audit` read while the controller runs: the
 * first process to open the file serves it to the others over TCP, bound to loopback (below);
 * AUTO_RECONNECT lets the others carry on when that first process ends.
 */
public final class JournalDatabase {
  private static final String SCHEMA = "schema/h2/h2-create-schema.sql";
  private static final String LOOPBACK = "127.0.0.1";
  /**
   * Payloads up to this size are kept in the row. H2's default (256 bytes) puts most events (~260-600
   * bytes of JSON) in its separate LOB store: a file 20 times larger and an audit several times slower.
   */
  private static final int INPLACE_PAYLOAD_BYTES = 4096;

  static {
    // H2's AUTO_SERVER listens on every interface unless h2.bindAddress says otherwise; H2 reads it
    // once, when its SysProperties class loads, which must therefore be after this line.
    System.setProperty("h2.bindAddress", LOOPBACK);
    if (!LOOPBACK.equals(org.h2.engine.SysProperties.BIND_ADDRESS)) {
      throw new IllegalStateException("H2 was loaded before JournalDatabase: its server would not be bound to "
          + LOOPBACK);
    }
  }

  private final Path dir;
  private final String url;

  public JournalDatabase(Path dir) {
    this.dir = dir.toAbsolutePath();
    this.url = "jdbc:h2:file:" + this.dir.resolve("tandem") + ";DATABASE_TO_UPPER=false;WRITE_DELAY=0;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE"
        + ";MAX_LENGTH_INPLACE_LOB=" + INPLACE_PAYLOAD_BYTES;
  }

  /**
   * Every start, transition and stop in these journals (one node's, or several nodes' for a cluster
   * view), in time order; other kinds are left out. For small journals: the audit streams instead.
   */
  public static List<InstanceEvent> readAll(List<Path> dirs) throws SQLException {
    List<InstanceEvent> events = new ArrayList<>();
    try (JournalScan scan = JournalScan.open(dirs)) {
      scan.forEachInstance(AuditFilter.ALL, (instance, entries) ->
          entries.forEachRemaining(e -> e.analysed().ifPresent(events::add)));
    }
    events.sort(Comparator.comparing(InstanceEvent::at));
    return events;
  }

  public Path dir() {
    return dir;
  }

  /** Whether the journal's database file exists (the audit never creates one). */
  public boolean exists() {
    return Files.isRegularFile(dir.resolve("tandem.mv.db"));
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /**
   * Deletes the events written before {@code before}, except each instance's last transition and
   * what follows it, so a restart still recovers the state it would have recovered (and a crash as
   * Master is still told apart). Returns how many events were deleted.
   */
  public int prune(Instant before) throws SQLException {
    String lastTransitions = "SELECT persistence_id, MAX(sequence_number) FROM event_journal"
        + " WHERE event_ser_manifest = ? GROUP BY persistence_id";
    String delete = "DELETE FROM event_journal WHERE persistence_id = ? AND sequence_number < ? AND write_timestamp < ?";
    try (Connection c = connect()) {
      Map<String, Long> keepFrom = new LinkedHashMap<>();
      try (PreparedStatement st = c.prepareStatement(lastTransitions)) {
        st.setString(1, StateChanged.class.getName());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            keepFrom.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      int deleted = 0;
      try (PreparedStatement st = c.prepareStatement(delete)) {
        for (Map.Entry<String, Long> id : keepFrom.entrySet()) {
          st.setString(1, id.getKey());
          st.setLong(2, id.getValue());
          st.setLong(3, before.toEpochMilli());
          deleted += st.executeUpdate();
        }
      }
      return deleted;
    }
  }

  public String url() {
    return url;
  }

  /**
   * Creates the journal's tables when they are missing. The plugin creates none; its script has one
   * index without IF NOT EXISTS, so it is added here to make the script safe to run at every start.
   */
  public void ensureSchema() throws IOException, SQLException {
    Files.createDirectories(dir);
    String script;
    try (InputStream in = JournalDatabase.class.getClassLoader().getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IOException("pekko-persistence-jdbc's " + SCHEMA + " is not on the class path");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("CREATE UNIQUE INDEX \"", "CREATE UNIQUE INDEX IF NOT EXISTS \"");
    }
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String sql : script.split(";")) {
        if (!sql.isBlank()) {
          st.execute(sql);
        }
      }
    }
  }

  /**
   * This journal's identity, made at its first use: the fleet store keys events by it, so that a
   * node whose journal was lost and re-created (its sequence numbers starting from 1 again) ships
   * its new events beside the old ones instead of colliding with them.
   */
  public String identity() throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS tandem_journal_identity (id VARCHAR(36) PRIMARY KEY)");
      st.execute("INSERT INTO tandem_journal_identity SELECT '" + UUID.randomUUID()
          + "' WHERE NOT EXISTS (SELECT 1 FROM tandem_journal_identity)");
      try (ResultSet rs = st.executeQuery("SELECT id FROM tandem_journal_identity")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** The actor system's configuration with this journal, over tandem's runtime defaults. */
  public Config actorSystemConfig() {
    return ConfigFactory.empty()
        .withValue("pekko-persistence-jdbc.shared-databases.slick.db.url", ConfigValueFactory.fromAnyRef(url))
        .withFallback(ConfigFactory.parseResources("runtime.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }
}
