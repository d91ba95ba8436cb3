package dev.tandem.health;

/** One line for an I/O failure: the JDK's exceptions often carry no message of their own. */
final class Failures {
  private Failures() {}

  static String describe(Throwable e) {
    Throwable cause = e.getMessage() == null && e.getCause() != null ? e.getCause() : e;
    String name = cause.getClass().getSimpleName();
    return cause.getMessage() == null ? name : name + ": " + cause.getMessage();
  }
}
