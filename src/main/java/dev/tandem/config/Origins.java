package dev.tandem.config;

import com.typesafe.config.ConfigOrigin;

/** Turns Typesafe Config origins into ours. */
final class Origins {
  private Origins() {}

  /**
   * Text parsed from a string has no file name, only its description ("name: 7"); {@code unnamed}
   * is the name it was given.
   */
  static Origin of(ConfigOrigin origin, String unnamed) {
    if (origin == null) {
      return new Origin(unnamed, 0);
    }
    String file = origin.filename() != null ? origin.filename()
        : origin.resource() != null ? origin.resource() : unnamed;
    return new Origin(file, Math.max(origin.lineNumber(), 0));
  }

  /** Typesafe's messages start with the origin's description; ours carry the origin apart. */
  static String message(com.typesafe.config.ConfigException e) {
    String text = e.getMessage();
    ConfigOrigin origin = e.origin();
    if (origin != null && text.startsWith(origin.description() + ": ")) {
      return text.substring(origin.description().length() + 2);
    }
    return text;
  }
}
