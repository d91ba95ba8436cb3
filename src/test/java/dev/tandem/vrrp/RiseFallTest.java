package dev.tandem.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * keepalived's rise/fall counting, result by result: "+" a success, "-" a failure, and the health
 * after each (U unknown, H healthy, F failed).
 */
class RiseFallTest {
  static Stream<Arguments> sequences() {
    return Stream.of(
        Arguments.of(1, 1, "+-+-", "HFHF"),
        // The first result decides at once, whatever rise and fall are.
        Arguments.of(3, 3, "+", "H"),
        Arguments.of(3, 3, "-", "F"),
        // fall 3: the third failure in a row fails it; a success in between refills it.
        Arguments.of(1, 3, "+---", "HHHF"),
        Arguments.of(1, 3, "+--+---", "HHHHHHF"),
        // rise 3: the third success in a row heals it; a failure in between starts again.
        Arguments.of(3, 1, "-+++", "FFFH"),
        Arguments.of(3, 1, "-++-+++", "FFFFFFH"),
        Arguments.of(2, 2, "+--++--", "HHFFHHF"),
        Arguments.of(2, 3, "-+-++", "FFFFH"));
  }

  @ParameterizedTest(name = "rise {0} fall {1}: {2} -> {3}")
  @MethodSource("sequences")
  void healthAfterEachResult(int rise, int fall, String results, String expected) {
    RiseFall counter = RiseFall.start(rise, fall);
    List<String> seen = new ArrayList<>();
    for (char result : results.toCharArray()) {
      counter = counter.after(result == '+');
      seen.add(counter.health().name().substring(0, 1));
    }
    assertEquals(expected, String.join("", seen));
  }

  @Test
  void startsUnknownOneSuccessShortOfRise() {
    assertEquals(new RiseFall(3, 2, 2, Health.UNKNOWN), RiseFall.start(3, 2));
  }

  @Test
  void aHealthyCounterIsFullAndAFailedOneEmpty() {
    assertEquals(new RiseFall(3, 2, 4, Health.HEALTHY), RiseFall.start(3, 2).after(true));
    assertEquals(new RiseFall(3, 2, 0, Health.FAILED), RiseFall.start(3, 2).after(false));
  }

  @Test
  void riseAndFallBelowOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> RiseFall.start(0, 1));
    assertThrows(IllegalArgumentException.class, () -> RiseFall.start(1, 0));
  }
}
