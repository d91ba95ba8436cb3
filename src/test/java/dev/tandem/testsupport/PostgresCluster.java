package dev.tandem.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for a test class, through src/scripts/postgres.sh: a private cluster on
 * 127.0.0.1 at a free port, removed after the class. Skipped where it cannot run (not root, no
 * PostgreSQL), failed there under CI=true. Each test takes a database of its own.
 */
public final class PostgresCluster implements BeforeAllCallback, AfterAllCallback {
  private static final Path SCRIPT = Path.of("src/scripts/postgres.sh");
  private static final long SCRIPT_TIMEOUT_SECONDS = 60;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private String dir;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Result check = run("check");
    Environment.requireOrSkip(check.exitCode() == 0, "no private PostgreSQL here: " + check.output().strip());
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (dir != null) {
      run("remove", dir);
    }
  }

  /** Starts the cluster, or again after {@link #stop()}, at the same port and with the same data. */
  public void start() throws IOException, InterruptedException {
    Result started = dir == null ? run("start") : run("start", dir);
    if (started.exitCode() != 0) {
      throw new IllegalStateException("postgres.sh start failed: " + started.output());
    }
    String[] dirAndPort = started.output().strip().split(" ");
    dir = dirAndPort[0];
    port = Integer.parseInt(dirAndPort[1]);
  }

  /** Stops the cluster (an outage); {@link #start()} brings it back. */
  public void stop() throws IOException, InterruptedException {
    run("stop", dir);
  }

  /** A new, empty database; its JDBC URL. */
  public String newDatabase() throws SQLException {
    String name = "tnd_test_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("tandem"), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("postgres.sh " + String.join(" ", args) + " took over " + SCRIPT_TIMEOUT_SECONDS + " s");
    }
    return new Result(process.exitValue(), output);
  }
}
