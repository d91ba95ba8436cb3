package dev.tandem.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.tandem.audit.AuditFilter;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.StateChanged;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;

/**
 * The embedded journal: an H2 file database under the journal directory, reached through
 * pekko-persistence-jdbc. WRITE_DELAY=0 because H2's default acknowledges writes ~0.7 s before they
 * reach the file (a SIGKILL lost acknowledged events); DATABASE_TO_UPPER=false because the plugin's
 * table names are lower case; FILE_LOCK=FS because its OS lock dies with a killed process (H2's
 * default lock file made the next start wait ~3 s). The controller holds the file and serves it on
 * loopback ({@link JournalServer}); {@link #connect()} goes through that server when one answers.
 */
public final class JournalDatabase {
  private static final String SCHEMA = "schema/h2/h2-create-schema.sql";
  static final String LOOPBACK = "127.0.0.1";
  private static final String DATABASE_FILE = "tandem.mv.db";
  /** A killed run's server file names a port nobody (or somebody else) listens on: refused at once on loopback. */
  private static final int PROBE_TIMEOUT_MILLIS = 500;
  /** How long the controller waits for a `tandem audit` that opened the file itself (no controller ran) to end. */
  private static final Duration IN_USE_WAIT = Duration.ofSeconds(10);
  private static final Duration IN_USE_RETRY = Duration.ofMillis(100);
  /**
   * Payloads up to this size are kept in the row. H2's default (256 bytes) puts most events (~260-600
   * bytes of JSON) in its separate LOB store: a file 20 times larger and an audit several times slower.
   */
  private static final int INPLACE_PAYLOAD_BYTES = 4096;
  /** The settings a database is opened with, by this process or by the server a reader goes through. */
  private static final String SETTINGS = ";DATABASE_TO_UPPER=false;WRITE_DELAY=0;MAX_LENGTH_INPLACE_LOB="
      + INPLACE_PAYLOAD_BYTES;
  private static final int REHEARSAL_CACHE_KIB = 1024;
  /**
   * The controller's page cache. H2's default, 16 MiB a database, is a quarter of the controller's
   * heap: filled by the journal's own writes (every page a commit writes is cached), it grew the old
   * generation by ~20 MiB within 2000 writes and made each young collection, which stops the journal
   * write and the VRRP thread alike, take 6-10 ms instead of 3-6 (measured with -Xlog:gc). The
   * controller's reads are the recent pages (recovery, the fleet replicator).
   */
  private static final int CONTROLLER_CACHE_KIB = 2048;
  /**
   * A reader that opens the file itself (no controller runs) keeps H2's default, stated: H2 stores the
   * setting in the file, so the controller's would otherwise stay for the audit.
   */
  private static final int READER_CACHE_KIB = 16384;
  /**
   * How a one-pass reader opens the file itself: read-only, so that it changes nothing in the journal
   * (CACHE_SIZE is otherwise a persistent setting), with a small page cache. H2's default (16 MB under
   * the audit's -Xmx256m) held decoded pages long enough to be promoted, and collecting them was a
   * third of an audit's time; a pass reads each page about once, so it gains nothing from them.
   * Lazy execution hands rows over as they are found, instead of first copying a page of them.
   */
  private static final String SCAN_SETTINGS = ";ACCESS_MODE_DATA=r;LAZY_QUERY_EXECUTION=TRUE;CACHE_SIZE=2048";
  /** Only a server on loopback is ever tried, whatever the file says. */
  private static final Pattern SERVER_LINE = Pattern.compile("tcp://127\\.0\\.0\\.1:(\\d{1,5})/[0-9a-f-]+");

  static {
    // H2's TCP server listens on every interface unless h2.bindAddress says otherwise; H2 reads it
    // once, when its SysProperties class loads, which must therefore be after this line.
    System.setProperty("h2.bindAddress", LOOPBACK);
    if (!LOOPBACK.equals(org.h2.engine.SysProperties.BIND_ADDRESS)) {
      throw new IllegalStateException("H2 was loaded before JournalDatabase: its server would not be bound to "
          + LOOPBACK);
    }
  }

  private final Path dir;
  private final String url;
  /** The URL the controller opens the journal with: {@link #url} with the controller's page cache. */
  private final String controllerUrl;
  /** The URL a one-pass reader opens the file with, when no controller serves it. */
  private final String scanUrl;
  /**
   * The {@link JournalRehearsal}'s scratch database: in memory (memFS keeps H2's file-store code on
   * the path), one per journal so that two systems in one JVM never share it. Nobody else can open
   * it (FILE_LOCK=NO), its space is reused at once (RETENTION_TIME=0) and its page cache is small
   * (H2's default is 16 MiB a database, a quarter of the controller's heap): ~0.7 MiB after 300 writes.
   */
  private final String rehearsalUrl;

  public JournalDatabase(Path dir) {
    this.dir = dir.toAbsolutePath();
    String file = "jdbc:h2:file:" + databasePath() + SETTINGS + ";FILE_LOCK=FS";
    this.url = file + ";CACHE_SIZE=" + READER_CACHE_KIB;
    this.controllerUrl = file + ";CACHE_SIZE=" + CONTROLLER_CACHE_KIB;
    this.scanUrl = file + SCAN_SETTINGS;
    this.rehearsalUrl = "jdbc:h2:memFS:tandem-rehearsal-" + UUID.randomUUID() + "/tandem" + SETTINGS
        + ";FILE_LOCK=NO;RETENTION_TIME=0;CACHE_SIZE=" + REHEARSAL_CACHE_KIB;
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
    return Files.isRegularFile(dir.resolve(DATABASE_FILE));
  }

  /** The database's name for H2: its files are this path plus H2's suffixes. */
  Path databasePath() {
    return dir.resolve("tandem");
  }

  /**
   * A connection beside whoever holds the journal: through the server of the controller running on it,
   * or to the file itself when none answers (none runs, or a killed one left its server file behind).
   */
  Connection connect() throws SQLException {
    return connect(url);
  }

  /** Like {@link #connect()}, for reading the whole journal once (the audit, {@link JournalScan}). */
  Connection connectForScan() throws SQLException {
    return connect(scanUrl);
  }

  /** {@code fileUrl} when no controller serves the journal. */
  private Connection connect(String fileUrl) throws SQLException {
    Optional<String> served = servedAt();
    if (served.isPresent()) {
      try {
        return DriverManager.getConnection("jdbc:h2:" + served.get() + SETTINGS);
      } catch (SQLException e) {
        // Somebody else's server on a reused port refuses the key: the file is then free, or the error below says why.
      }
    }
    try {
      return DriverManager.getConnection(fileUrl);
    } catch (SQLException e) {
      if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        throw new SQLException("the journal " + dir + " is held by a running controller"
            + served.map(at -> " whose server (" + at + ") does not answer from here (another network namespace?)")
                .orElse(" or another tandem command"), e.getSQLState(), e.getErrorCode(), e);
      }
      throw e;
    }
  }

  /** The server named in the server file, when something listens there; no stale file delays a reader. */
  private Optional<String> servedAt() {
    String line;
    try {
      line = Files.readString(dir.resolve(JournalServer.FILE_NAME), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return Optional.empty();
    }
    Matcher at = SERVER_LINE.matcher(line);
    if (!at.matches()) {
      return Optional.empty();
    }
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(LOOPBACK, Integer.parseInt(at.group(1))), PROBE_TIMEOUT_MILLIS);
      return Optional.of(line);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Opens the journal for this process, creates its tables when missing and serves it to readers on
   * loopback. A reader that opened the file itself (no controller was running) is waited for, bounded.
   */
  public JournalServer serve() throws IOException, SQLException, InterruptedException {
    Files.createDirectories(dir);
    Connection held = openWaitingForReaders();
    try {
      createSchema(held);
      return JournalServer.start(this, held);
    } catch (IOException | SQLException | RuntimeException e) {
      held.close();
      throw e;
    }
  }

  private Connection openWaitingForReaders() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + IN_USE_WAIT.toNanos();
    while (true) {
      try {
        return DriverManager.getConnection(controllerUrl);
      } catch (SQLException e) {
        if (e.getErrorCode() != ErrorCode.DATABASE_ALREADY_OPEN_1 || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(IN_USE_RETRY.toMillis());
      }
    }
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

  String rehearsalUrl() {
    return rehearsalUrl;
  }

  /** Creates the journal's tables in the rehearsal's scratch database. */
  void ensureRehearsalSchema() throws IOException, SQLException {
    try (Connection c = DriverManager.getConnection(rehearsalUrl)) {
      createSchema(c);
    }
  }

  /**
   * Creates the journal's tables when they are missing. The plugin creates none; its script has one
   * index without IF NOT EXISTS, so it is added here to make the script safe to run at every start.
   */
  public void ensureSchema() throws IOException, SQLException {
    Files.createDirectories(dir);
    try (Connection c = connect()) {
      createSchema(c);
    }
  }

  private static void createSchema(Connection c) throws IOException, SQLException {
    String script;
    try (InputStream in = JournalDatabase.class.getClassLoader().getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IOException("pekko-persistence-jdbc's " + SCHEMA + " is not on the class path");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("CREATE UNIQUE INDEX \"", "CREATE UNIQUE INDEX IF NOT EXISTS \"");
    }
    try (Statement st = c.createStatement()) {
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
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS tandem_journal_identity (id VARCHAR(36) PRIMARY KEY)");
      st.execute("INSERT INTO tandem_journal_identity SELECT '" + UUID.randomUUID()
          + "' WHERE NOT EXISTS (SELECT 1 FROM tandem_journal_identity)");
      try (ResultSet rs = st.executeQuery("SELECT id FROM tandem_journal_identity")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * The actor system's configuration with this journal, over tandem's runtime defaults. Without
   * Pekko's CBOR serializers: nothing is bound to them, and Pekko builds an ObjectMapper for each
   * serializer while the actor system starts, on the way to the first advert.
   */
  public Config actorSystemConfig() {
    return ConfigFactory.empty()
        .withValue("pekko-persistence-jdbc.shared-databases.slick.db.url", ConfigValueFactory.fromAnyRef(controllerUrl))
        .withValue("pekko-persistence-jdbc.shared-databases.rehearsal.db.url", ConfigValueFactory.fromAnyRef(rehearsalUrl))
        .withFallback(ConfigFactory.parseResources("journal-rehearsal.conf"))
        .withFallback(ConfigFactory.parseResources("runtime.conf"))
        .withFallback(ConfigFactory.load())
        .resolve()
        .withoutPath("pekko.actor.serializers.jackson-cbor")
        .withoutPath("pekko.actor.serializers.jackson-cbor-264");
  }
}
