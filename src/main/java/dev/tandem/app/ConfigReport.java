package dev.tandem.app;

import dev.tandem.config.ConfigLoader;
import dev.tandem.config.ConfigProblem;
import dev.tandem.config.ControllerConfig;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ImportResult;
import dev.tandem.config.KeepalivedImporter;
import dev.tandem.config.LoadResult;
import dev.tandem.config.Origin;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads a configuration for a command, tandem's HOCON or a keepalived.conf converted on the fly,
 * and prints every problem in the form {@code file:line: error: key: message}.
 */
final class ConfigReport {
  private ConfigReport() {}

  /** The result of loading, problems from the conversion included. */
  static LoadResult read(Path file, boolean keepalived, HostFacts host) {
    if (!Files.isReadable(file)) {
      String why = Files.exists(file) ? "cannot be read" : "does not exist";
      return new LoadResult(Optional.empty(), List.of(new ConfigProblem(ConfigProblem.Severity.ERROR,
          new Origin(file.toString(), 0), "-", "the file " + why)));
    }
    if (!keepalived) {
      return ConfigLoader.load(file, host);
    }
    ImportResult imported = KeepalivedImporter.convert(file);
    LoadResult loaded = ConfigLoader.loadText(imported.hocon(), file + " (converted)", host);
    List<ConfigProblem> problems = new ArrayList<>(imported.problems());
    problems.addAll(loaded.problems());
    boolean importFailed = imported.problems().stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
    return new LoadResult(importFailed ? Optional.empty() : loaded.config(), problems);
  }

  /** Prints every problem on stderr; the config when there was no error. */
  static Optional<ControllerConfig> load(Path file, boolean keepalived, HostFacts host) {
    LoadResult result = read(file, keepalived, host);
    print(result, System.err);
    return result.hasErrors() ? Optional.empty() : result.config();
  }

  static void print(LoadResult result, PrintStream err) {
    result.problems().forEach(p -> err.println(p.render()));
  }
}
