package dev.tandem.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a script's command line into the words it is run with, as keepalived 2.2.7 does
 * (alloc_strvec_quoted_escaped): blanks separate words, '...' and "..." group them, a backslash
 * escapes the next character (\n, \t and \r name control characters). No shell is involved.
 */
public final class CommandWords {
  private CommandWords() {}

  /** The words, or empty when a quote is not closed or the line ends in a lone backslash. */
  public static Optional<List<String>> split(String commandLine) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < commandLine.length(); i++) {
      char c = commandLine.charAt(i);
      if (c == '\\') {
        if (++i == commandLine.length()) {
          return Optional.empty();
        }
        word.append(escaped(commandLine.charAt(i)));
        inWord = true;
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      return Optional.empty();
    }
    if (inWord) {
      words.add(word.toString());
    }
    return Optional.of(words);
  }

  private static char escaped(char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      default:
        return c;
    }
  }
}
