package dev.tandem.config;

/** A word (quotes removed), a brace, or the end of a line of keepalived.conf, with where it stands. */
record KeepalivedToken(Kind kind, String text, Origin origin) {
  enum Kind { WORD, OPEN, CLOSE, END_OF_LINE }
}
