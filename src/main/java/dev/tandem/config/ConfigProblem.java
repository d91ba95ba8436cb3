package dev.tandem.config;

/** One thing wrong (or doubtful) in a configuration, with where it is and which key. */
public record ConfigProblem(Severity severity, Origin origin, String key, String message) {
  public enum Severity { ERROR, WARNING }

  /** {@code file:line: error: key: message}, the form `tandem check` prints. */
  public String render() {
    return origin + ": " + severity.name().toLowerCase() + ": " + key + ": " + message;
  }
}
