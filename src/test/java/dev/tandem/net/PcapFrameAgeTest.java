package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The age of a received frame from pcap's capture timestamp ({@link PcapLink#ageNanos}). */
class PcapFrameAgeTest {
  private static final Instant NOW = Instant.parse("2026-11-23T03:12:00.000900500Z");

  @Test
  void theAgeIsTheTimeSinceTheKernelCapturedTheFrameToTheNanosecond() {
    assertEquals(900_000, PcapLink.ageNanos(Timestamp.from(Instant.parse("2026-11-23T03:12:00.000000500Z")), NOW));
  }

  @Test
  void theAgeAcrossASecondBoundaryCountsTheWholeSeconds() {
    assertEquals(1_400_000,
        PcapLink.ageNanos(Timestamp.from(Instant.parse("2026-11-23T03:11:59.999500500Z")), NOW));
  }

  @Test
  void aCaptureInTheFutureOrLongAgoMeansTheClockWasSteppedAndCountsAsJustArrived() {
    assertEquals(0, PcapLink.ageNanos(Timestamp.from(NOW.plusMillis(5)), NOW));
    assertEquals(0, PcapLink.ageNanos(Timestamp.from(NOW.minusNanos(PcapLink.MAX_AGE_NANOS + 1)), NOW));
    assertEquals(PcapLink.MAX_AGE_NANOS, PcapLink.ageNanos(Timestamp.from(NOW.minusNanos(PcapLink.MAX_AGE_NANOS)), NOW));
  }
}
