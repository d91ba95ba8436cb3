package dev.tandem.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes instants as {@link Instant#toString()} does (ISO-8601 in UTC, the fraction in groups of
 * three digits, none when zero), by hand for years 1970 to 9999: Instant.toString goes through
 * DateTimeFormatter, a sixth of the main thread in an audit's JSON lines (three instants an event).
 */
final class UtcInstantWriter extends StdSerializer<Instant> {
  private static final long SECONDS_PER_DAY = 86_400;
  /** 10000-01-01T00:00:00Z: from there on Instant.toString writes a sign and more digits. */
  private static final long YEAR_10000 = 253_402_300_800L;

  UtcInstantWriter() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator json, SerializerProvider provider) throws IOException {
    json.writeString(format(value));
  }

  /** The same text as {@link Instant#toString()}. */
  static String format(Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds < 0 || seconds >= YEAR_10000) {
      return at.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(seconds / SECONDS_PER_DAY);
    int ofDay = (int) (seconds % SECONDS_PER_DAY);
    StringBuilder out = new StringBuilder(30);
    TimelineText.pad(out, date.getYear(), 4).append('-');
    TimelineText.pad(out, date.getMonthValue(), 2).append('-');
    TimelineText.pad(out, date.getDayOfMonth(), 2).append('T');
    TimelineText.pad(out, ofDay / 3600, 2).append(':');
    TimelineText.pad(out, ofDay / 60 % 60, 2).append(':');
    TimelineText.pad(out, ofDay % 60, 2);
    int nanos = at.getNano();
    if (nanos > 0) {
      out.append('.');
      if (nanos % 1_000_000 == 0) {
        TimelineText.pad(out, nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        TimelineText.pad(out, nanos / 1000, 6);
      } else {
        TimelineText.pad(out, nanos, 9);
      }
    }
    return out.append('Z').toString();
  }
}
