package dev.tandem.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.tandem.audit.JournalReader;
import dev.tandem.instance.InstanceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The embedded journal: an H2 file database under the journal directory, reached through
 * pekko-persistence-jdbc. WRITE_DELAY=0 because H2's default acknowledges writes ~0.7 s before they
 * reach the file (a SIGKILL lost acknowledged events); DATABASE_TO_UPPER=false because the plugin's
 * table names are lower case.
 */
public final class JournalDatabase {
  private static final String SCHEMA = "schema/h2/h2-create-schema.sql";

  private final Path dir;
  private final String url;

  public JournalDatabase(Path dir) {
    this.dir = dir.toAbsolutePath();
    this.url = "jdbc:h2:file:" + this.dir.resolve("tandem") + ";DATABASE_TO_UPPER=false;WRITE_DELAY=0";
  }

  /** Every event of these journals (one node's, or several nodes' for a cluster view), in time order. */
  public static List<InstanceEvent> readAll(List<Path> dirs) throws Exception {
    List<InstanceEvent> events = new ArrayList<>();
    for (Path dir : dirs) {
      events.addAll(JournalReader.readAll(new JournalDatabase(dir).actorSystemConfig()));
    }
    events.sort(Comparator.comparing(InstanceEvent::at));
    return events;
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
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
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
