package dev.tandem.app;

import dev.tandem.config.ConfigLoader;
import dev.tandem.config.ConfigProblem;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ImportResult;
import dev.tandem.config.KeepalivedImporter;
import dev.tandem.config.LoadResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A keepalived.conf converted and then loaded: the HOCON, the load, and the problems of both steps. */
record ConvertedKeepalived(String hocon, LoadResult loaded, List<ConfigProblem> problems) {
  static ConvertedKeepalived of(Path file, HostFacts host) {
    ImportResult converted = KeepalivedImporter.convert(file);
    LoadResult loaded = ConfigLoader.loadText(converted.hocon(), file + " (converted)", host);
    List<ConfigProblem> problems = new ArrayList<>(converted.problems());
    problems.addAll(loaded.problems());
    return new ConvertedKeepalived(converted.hocon(), loaded, List.copyOf(problems));
  }
}
