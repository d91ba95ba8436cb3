package dev.tandem.app;

import dev.tandem.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.Logger;

/** Prints problems one a line, `file:line: error|warning: key: message`, and counts them. */
final class ProblemReport {
  private final List<ConfigProblem> problems;

  ProblemReport(List<ConfigProblem> problems) {
    this.problems = List.copyOf(problems);
  }

  void print(PrintWriter err) {
    problems.forEach(problem -> err.println(problem.render()));
  }

  /** Each problem as a log line, errors at error level and warnings at warn. */
  void log(Logger log) {
    for (ConfigProblem problem : problems) {
      if (problem.severity() == ConfigProblem.Severity.ERROR) {
        log.error(problem.render());
      } else {
        log.warn(problem.render());
      }
    }
  }

  long errors() {
    return count(ConfigProblem.Severity.ERROR);
  }

  long warnings() {
    return count(ConfigProblem.Severity.WARNING);
  }

  int exitCode() {
    return errors() == 0 ? ExitCodes.OK : ExitCodes.CONFIG_ERROR;
  }

  private long count(ConfigProblem.Severity severity) {
    return problems.stream().filter(p -> p.severity() == severity).count();
  }
}
