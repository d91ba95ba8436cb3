package dev.tandem.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.h2.tools.Server;

/**
 * A running controller's journal, served to `tandem audit` and `tandem journal prune` by H2's TCP
 * server on 127.0.0.1 and an ephemeral port, which it announces in {@link #FILE_NAME} beside the
 * database. The server only ever opens this one database: readers name it by a key made for this run.
 * H2's AUTO_SERVER did this before, but it needs FILE_LOCK=FILE, whose lock file a killed run leaves
 * behind and the next start waited out for seconds; the OS lock of FILE_LOCK=FS dies with the process.
 */
public final class JournalServer implements AutoCloseable {
  /** Where the server listens: one line, H2's URL without its {@code jdbc:h2:} prefix. */
  static final String FILE_NAME = "tandem.server";

  private final Path file;
  private final Server server;
  /** Keeps the database open between the pool's connections, so the server's sessions share it. */
  private final Connection held;

  private JournalServer(Path file, Server server, Connection held) {
    this.file = file;
    this.server = server;
    this.held = held;
  }

  /** Serves {@code journal}, which this process holds open through {@code held} (closed with the server). */
  static JournalServer start(JournalDatabase journal, Connection held) throws SQLException, IOException {
    String key = UUID.randomUUID().toString();
    Server server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-ifExists",
        "-key", key, journal.databasePath().toString()).start();
    Path file = journal.dir().resolve(FILE_NAME);
    Path partial = journal.dir().resolve(FILE_NAME + ".partial");
    try {
      // Renamed into place, so a reader never sees half a line.
      Files.writeString(partial, "tcp://" + JournalDatabase.LOOPBACK + ":" + server.getPort() + "/" + key + "\n",
          StandardCharsets.US_ASCII);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      server.stop();
      throw e;
    }
    return new JournalServer(file, server, held);
  }

  public int port() {
    return server.getPort();
  }

  /** Stops serving: readers then open the file themselves once this process has let it go. */
  @Override
  public void close() throws SQLException, IOException {
    Files.deleteIfExists(file);
    server.stop();
    held.close();
  }
}
