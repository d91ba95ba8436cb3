package dev.tandem.config;

import java.util.List;

/** A keepalived.conf converted to tandem HOCON, with everything that did not convert cleanly. */
public record ImportResult(String hocon, List<ConfigProblem> problems) {
  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
  }
}
