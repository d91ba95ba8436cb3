package dev.tandem.config;

import com.typesafe.config.ConfigUtil;

/** Writes indented HOCON: objects, settings with already-rendered values, comments. */
final class HoconWriter {
  private final StringBuilder text = new StringBuilder();
  private int depth;

  HoconWriter comment(String comment) {
    return line("# " + comment);
  }

  HoconWriter open(String key) {
    line(ConfigUtil.joinPath(key) + " {");
    depth++;
    return this;
  }

  HoconWriter close() {
    depth--;
    return line("}");
  }

  /** {@code path} may be dotted (authentication.type); {@code value} is HOCON already. */
  HoconWriter setting(String path, String value) {
    return line(path + " = " + value);
  }

  String text() {
    return text.toString();
  }

  static String quote(String value) {
    return ConfigUtil.quoteString(value);
  }

  private HoconWriter line(String line) {
    text.append("  ".repeat(depth)).append(line).append('\n');
    return this;
  }
}
