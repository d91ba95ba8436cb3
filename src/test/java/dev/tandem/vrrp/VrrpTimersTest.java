package dev.tandem.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VrrpTimersTest {

  @ParameterizedTest(name = "v{0} interval {1} s priority {2}: Skew_Time {3} s, Master_Down_Interval {4} s")
  @CsvSource({
    "2, 1,    100, 0.609375,  3.609375",
    "2, 1,    150, 0.4140625, 3.4140625",
    "2, 1,    254, 0.0078125, 3.0078125",
    "2, 1,    255, 0.00390625, 3.00390625",
    // v2 skew is a fraction of one second, whatever the interval
    "2, 3,    100, 0.609375,  9.609375",
    "3, 0.1,  100, 0.0609375, 0.3609375",
    "3, 1,    100, 0.609375,  3.609375",
    "3, 2,    100, 1.21875,   7.21875",
    "3, 0.5,  150, 0.20703125, 1.70703125",
  })
  void rfcFormulas(int version, String interval, int priority, String skew, String masterDown) {
    Duration adver = seconds(interval);
    assertEquals(seconds(skew), VrrpTimers.skewTime(version, priority, adver));
    assertEquals(seconds(masterDown), VrrpTimers.masterDownInterval(version, priority, adver));
  }

  @Test
  void v3HundredMillisecondsIsNotRoundedToCentiseconds() {
    // keepalived computes in microseconds: 0.361 s, where centisecond arithmetic (FRR) gives 0.36 s.
    Duration down = VrrpTimers.masterDownInterval(3, 100, Duration.ofMillis(100));
    assertEquals(360_937, down.toNanos() / 1000);
  }

  @Test
  void rejectsValuesTheFormulasAreNotDefinedFor() {
    IllegalArgumentException version = assertThrows(
        IllegalArgumentException.class, () -> VrrpTimers.skewTime(4, 100, Duration.ofSeconds(1)));
    assertEquals("VRRP version must be 2 or 3, not 4", version.getMessage());
    IllegalArgumentException priority = assertThrows(
        IllegalArgumentException.class, () -> VrrpTimers.masterDownInterval(2, 0, Duration.ofSeconds(1)));
    assertEquals("priority for the timers must be 1..255, not 0", priority.getMessage());
    IllegalArgumentException interval = assertThrows(
        IllegalArgumentException.class, () -> VrrpTimers.skewTime(3, 100, Duration.ZERO));
    assertEquals("advert interval must be positive, not PT0S", interval.getMessage());
  }

  static Duration seconds(String decimal) {
    return Duration.ofNanos(new BigDecimal(decimal).movePointRight(9).longValueExact());
  }
}
