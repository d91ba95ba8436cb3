package dev.tandem.app;

import dev.tandem.config.ConfigLoader;
import dev.tandem.config.ConfigProblem;
import dev.tandem.config.HostFacts;
import dev.tandem.config.LoadResult;
import dev.tandem.health.ScriptSecurity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A configuration as a command reads it: tandem's HOCON, or a keepalived.conf converted first. A
 * loaded configuration's scripts are then inspected on this host (script security), whose
 * problems count like the loader's: an error refuses the configuration.
 */
record ConfigInput(LoadResult loaded, List<ConfigProblem> problems) {
  static ConfigInput read(Path file, boolean keepalived, HostFacts host) {
    if (keepalived) {
      ConvertedKeepalived converted = ConvertedKeepalived.of(file, host);
      return withScriptSecurity(converted.loaded(), converted.problems());
    }
    LoadResult loaded = ConfigLoader.load(file, host);
    return withScriptSecurity(loaded, loaded.problems());
  }

  private static ConfigInput withScriptSecurity(LoadResult loaded, List<ConfigProblem> problems) {
    List<ConfigProblem> all = new ArrayList<>(problems);
    loaded.config().ifPresent(config -> all.addAll(ScriptSecurity.system().problems(config)));
    return new ConfigInput(loaded, List.copyOf(all));
  }
}
