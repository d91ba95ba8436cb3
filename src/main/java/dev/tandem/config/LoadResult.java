package dev.tandem.config;

import java.util.List;
import java.util.Optional;

/** The outcome of loading: the config when there was no error, and every problem found. */
public record LoadResult(Optional<ControllerConfig> config, List<ConfigProblem> problems) {
  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
  }
}
