package dev.tandem.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits keepalived.conf text into tokens: words, double-quoted strings, '{' and '}' (tokens of
 * their own even when glued to a word), line ends. '#' and '!' outside quotes start a comment that
 * runs to the end of the line, even right after a word ("root@example.com# sender" is seen in
 * the wild).
 */
final class KeepalivedTokenizer {
  private KeepalivedTokenizer() {}

  static List<KeepalivedToken> tokenize(String text, String file, Problems problems) {
    List<KeepalivedToken> tokens = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int index = 0; index < lines.length; index++) {
      Origin origin = new Origin(file, index + 1);
      tokenizeLine(lines[index], origin, tokens, problems);
      tokens.add(new KeepalivedToken(KeepalivedToken.Kind.END_OF_LINE, "", origin));
    }
    return tokens;
  }

  private static void tokenizeLine(String line, Origin origin, List<KeepalivedToken> tokens, Problems problems) {
    StringBuilder word = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '#' || c == '!') {
        break;
      }
      if (c == '"') {
        int end = line.indexOf('"', i + 1);
        if (end < 0) {
          problems.error(origin, "(syntax)", "unterminated quoted string: " + line.substring(i));
          end = line.length();
        }
        word.append(line, i + 1, end);
        i = end + 1;
        continue;
      }
      if (Character.isWhitespace(c) || c == '{' || c == '}') {
        flush(word, origin, tokens);
        if (c != '{' && c != '}') {
          i++;
          continue;
        }
        KeepalivedToken.Kind kind = c == '{' ? KeepalivedToken.Kind.OPEN : KeepalivedToken.Kind.CLOSE;
        tokens.add(new KeepalivedToken(kind, String.valueOf(c), origin));
      } else {
        word.append(c);
      }
      i++;
    }
    flush(word, origin, tokens);
  }

  private static void flush(StringBuilder word, Origin origin, List<KeepalivedToken> tokens) {
    if (word.length() > 0) {
      tokens.add(new KeepalivedToken(KeepalivedToken.Kind.WORD, word.toString(), origin));
      word.setLength(0);
    }
  }
}
