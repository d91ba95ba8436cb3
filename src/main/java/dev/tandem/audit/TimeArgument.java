package dev.tandem.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A point in time on the command line: an instant ({@code 2026-11-22T10:00:00Z}), a local date and
 * time ({@code 2026-11-22T10:00} or {@code "2026-11-22 10:00"}), a local date (its midnight) or an
 * age ({@code 90m}, {@code 12h}, {@code 7d}: that long before now).
 */
public final class TimeArgument {
  private TimeArgument() {}

  /** @throws IllegalArgumentException with the accepted forms, for anything else */
  public static Instant parse(String text, Instant now, ZoneId zone) {
    String t = text.trim();
    if (t.matches("[0-9]+[smhd]")) {
      long amount = Long.parseLong(t.substring(0, t.length() - 1));
      Duration age = switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
      return now.minus(age);
    }
    try {
      if (t.toUpperCase(Locale.ROOT).endsWith("Z") || t.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
        return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
      }
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
      }
      return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a time: use 2026-11-22, 2026-11-22T10:00, "
          + "2026-11-22T10:00:00Z or an age such as 90m, 12h, 7d");
    }
  }
}
