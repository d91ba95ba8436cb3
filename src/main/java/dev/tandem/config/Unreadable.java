package dev.tandem.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Why a file could not be read, in words for `tandem check` rather than an exception's name. */
final class Unreadable {
  private Unreadable() {}

  static String message(java.nio.file.Path file, IOException e) {
    String reason = e instanceof NoSuchFileException ? "no such file"
        : e instanceof AccessDeniedException ? "permission denied"
        : e.getMessage();
    return "cannot read " + file + ": " + reason;
  }
}
