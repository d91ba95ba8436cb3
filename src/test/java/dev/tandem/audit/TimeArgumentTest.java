package dev.tandem.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static Instant parse(String text) {
    return TimeArgument.parse(text, NOW, PARIS);
  }

  @Test
  void instantsDatesTimesAndAges() {
    assertEquals(Instant.parse("2026-11-01T10:00:00Z"), parse("2026-11-01T10:00:00Z"));
    assertEquals(Instant.parse("2026-11-01T08:00:00Z"), parse("2026-11-01T10:00:00+02:00"));
    assertEquals(Instant.parse("2026-10-31T23:00:00Z"), parse("2026-11-01"));
    assertEquals(Instant.parse("2026-11-01T09:30:00Z"), parse("2026-11-01T10:30"));
    assertEquals(Instant.parse("2026-11-01T09:30:00Z"), parse("2026-11-01 10:30"));
    assertEquals(NOW.minus(Duration.ofMinutes(90)), parse("90m"));
    assertEquals(NOW.minus(Duration.ofDays(7)), parse("7d"));
  }

  @Test
  void anythingElseSaysWhatIsAccepted() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("yesterday"));
    assertTrue(e.getMessage().startsWith("\"yesterday\" is not a time: use 2026-11-22"), e.getMessage());
  }
}
