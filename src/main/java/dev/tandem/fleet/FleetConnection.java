package dev.tandem.fleet;

import dev.tandem.config.FleetConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections to the fleet database, with timeouts so that a silent network cannot hold a thread for long. */
public final class FleetConnection {
  private static final int CONNECT_TIMEOUT_SECONDS = 5;
  private static final int SOCKET_TIMEOUT_SECONDS = 30;

  private FleetConnection() {}

  /** The password file is read at each connect, so that a rotated password needs no restart. */
  public static Connection open(FleetConfig config) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", config.user());
    if (config.password().isPresent()) {
      props.setProperty("password", config.password().get());
    } else if (config.passwordFile().isPresent()) {
      try {
        props.setProperty("password", Files.readString(config.passwordFile().get(), StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        throw new SQLException("cannot read the password file " + config.passwordFile().get() + ": " + e.getMessage(), e);
      }
    }
    props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", "tandem");
    return DriverManager.getConnection(config.url(), props);
  }
}
