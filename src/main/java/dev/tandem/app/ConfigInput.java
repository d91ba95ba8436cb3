package dev.tandem.app;

import dev.tandem.config.ConfigLoader;
import dev.tandem.config.ConfigProblem;
import dev.tandem.config.HostFacts;
import dev.tandem.config.LoadResult;
import java.nio.file.Path;
import java.util.List;

/** A configuration as a command reads it: tandem's HOCON, or a keepalived.conf converted first. */
record ConfigInput(LoadResult loaded, List<ConfigProblem> problems) {
  static ConfigInput read(Path file, boolean keepalived, HostFacts host) {
    if (keepalived) {
      ConvertedKeepalived converted = ConvertedKeepalived.of(file, host);
      return new ConfigInput(converted.loaded(), converted.problems());
    }
    LoadResult loaded = ConfigLoader.load(file, host);
    return new ConfigInput(loaded, loaded.problems());
  }
}
