package dev.tandem.app;

/** A journal's event or table could not be read; the message says which. */
final class JournalUnreadable extends RuntimeException {
  JournalUnreadable(String message) {
    super(message);
  }
}
