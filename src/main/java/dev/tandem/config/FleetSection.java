package dev.tandem.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads tandem.fleet: empty when no url is set. */
final class FleetSection {
  private static final String URL_PREFIX = "jdbc:postgresql://";

  private FleetSection() {}

  static Optional<FleetConfig> read(SettingReader fleet) {
    if (!fleet.has("url")) {
      return Optional.empty();
    }
    String url = fleet.nonEmptyString("url").map(String::trim).orElse("");
    if (!url.isEmpty() && !url.startsWith(URL_PREFIX)) {
      fleet.error("url", "expected a PostgreSQL JDBC URL such as " + URL_PREFIX + "127.0.0.1:5432/tandem, got \"" + url + "\"");
    }
    String user = fleet.require("user") ? fleet.nonEmptyString("user").orElse("") : "";
    Optional<String> password = fleet.string("password");
    Optional<Path> passwordFile = fleet.nonEmptyString("password-file").map(Path::of);
    if (password.isPresent() && passwordFile.isPresent()) {
      fleet.error("password-file", "set either password or password-file, not both");
    }
    return Optional.of(new FleetConfig(
        url,
        user,
        password,
        passwordFile,
        fleet.duration("interval", Duration.ofMillis(10), Duration.ofHours(1)).orElse(Duration.ofSeconds(1)),
        fleet.integer("batch", 1, 100_000).orElse(1)));
  }
}
