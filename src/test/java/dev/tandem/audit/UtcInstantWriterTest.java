package dev.tandem.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcInstantWriterTest {
  @ParameterizedTest
  @ValueSource(strings = {"2026-11-01T10:00:53Z", "2026-11-01T10:00:53.400Z", "2026-11-01T10:00:53.000400Z",
      "2026-11-01T10:00:53.000000004Z", "2026-11-01T10:00:53.123456789Z", "1970-01-01T00:00:00Z",
      "2028-02-29T23:59:59.999999Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
      "1969-12-31T23:59:59.500Z", "0001-01-01T00:00:00Z"})
  void writesWhatInstantToStringWrites(String text) {
    Instant at = Instant.parse(text);
    assertEquals(at.toString(), UtcInstantWriter.format(at));
  }

  @Test
  void agreesWithInstantToStringOnRandomInstants() {
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      int nanos = switch (i % 3) {
        case 0 -> random.nextInt(1000) * 1_000_000;
        case 1 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant at = Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 300_000_000_000L), nanos);
      assertEquals(at.toString(), UtcInstantWriter.format(at));
    }
  }

  @Test
  void theMapperWritesInstantsThroughIt() throws Exception {
    Instant at = Instant.parse("2026-11-01T10:00:53.000400Z");
    assertEquals("\"" + at + "\"", EventJson.MAPPER.writeValueAsString(at));
  }
}
