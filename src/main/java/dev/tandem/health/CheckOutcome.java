package dev.tandem.health;

/**
 * The result of one run: healthy or not, a short detail for logs and the journal ("exited with
 * status 1", "HTTP 503, expected 200"), and what a command line printed (bounded; empty for the
 * built-in checks).
 */
public record CheckOutcome(boolean healthy, String detail, String output) {
  public static CheckOutcome healthy(String detail) {
    return new CheckOutcome(true, detail, "");
  }

  public static CheckOutcome failed(String detail) {
    return new CheckOutcome(false, detail, "");
  }
}
