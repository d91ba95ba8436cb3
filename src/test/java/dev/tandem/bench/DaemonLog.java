package dev.tandem.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a daemon's log says and when. Both daemons write keepalived's state lines
 * ({@code (VI_1) Entering MASTER STATE}); only tandem stamps its lines to the millisecond
 * (keepalived's console log has whole seconds), so the timed questions answer empty for keepalived.
 */
final class DaemonLog {
  private static final Pattern STAMPED_LINE =
      Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) (.*)$", Pattern.MULTILINE);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final Pattern STATE = Pattern.compile("Entering (\\w+) STATE");

  private DaemonLog() {}

  /** The state the last {@code Entering X STATE} line announced. */
  static Optional<String> lastState(String log) {
    Matcher matcher = STATE.matcher(log);
    String state = null;
    while (matcher.find()) {
      state = matcher.group(1);
    }
    return Optional.ofNullable(state);
  }

  /** When the first stamped line was written (stamps are in this machine's zone, like the logger's). */
  static Optional<Instant> firstLine(String log) {
    return firstLineWith(log, "");
  }

  static Optional<Instant> firstLineWith(String log, String text) {
    Matcher matcher = STAMPED_LINE.matcher(log);
    while (matcher.find()) {
      if (matcher.group(2).contains(text)) {
        return Optional.of(instant(matcher.group(1)));
      }
    }
    return Optional.empty();
  }

  /** The millisecond-stamped lines, in order. */
  static List<String> stampedLines(String log) {
    List<String> lines = new ArrayList<>();
    Matcher matcher = STAMPED_LINE.matcher(log);
    while (matcher.find()) {
      lines.add(matcher.group());
    }
    return lines;
  }

  private static Instant instant(String stamp) {
    return LocalDateTime.parse(stamp, STAMP).atZone(ZoneId.systemDefault()).toInstant();
  }
}
