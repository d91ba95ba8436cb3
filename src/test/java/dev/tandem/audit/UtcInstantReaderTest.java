package dev.tandem.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcInstantReaderTest {
  @ParameterizedTest
  @ValueSource(strings = {"2026-11-01T10:00:53Z", "2026-11-01T10:00:53.4Z", "2026-11-01T10:00:53.400Z",
      "2026-11-01T10:00:53.123456789Z", "1970-01-01T00:00:00Z", "2028-02-29T23:59:59.999999Z"})
  void readsTheUtcFormAsInstantDoes(String text) {
    assertEquals(Instant.parse(text), UtcInstantReader.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-01T10:00:53+02:00", "2026-11-01 10:00:53Z", "2026-13-01T10:00:53Z",
      "2026-02-30T10:00:53Z", "2026-11-01T24:00:00Z", "2026-11-01T10:00:53.Z", "2026-11-01T10:00:5xZ",
      "2026-11-01T10:00:53.1234567890Z"})
  void leavesAnythingElseToJackson(String text) {
    assertNull(UtcInstantReader.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"2026-11-01T10:00:53.400Z\"", "\"2026-11-01T12:00:53.400+02:00\"", "1793527253.400000000"})
  void everyFormJacksonWritesStillReads(String json) throws Exception {
    assertEquals(Instant.parse("2026-11-01T10:00:53.400Z"), EventJson.MAPPER.readValue(json, Instant.class));
  }
}
