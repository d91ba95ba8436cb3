package dev.tandem.config;

/** Where a setting came from, so that errors and warnings can name file and line. */
public record Origin(String file, int line) {
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
