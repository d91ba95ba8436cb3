package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.tandem.vrrp.RouterParams;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rehearsed steps are inputs the machine takes in every configuration (they run unwatched, on a thread of their own). */
class RehearsalTest {
  @ParameterizedTest(name = "v{0}, priority {1}, {2} ms, preempt {3}")
  @CsvSource({"2, 100, 1000, true", "3, 150, 100, true", "2, 255, 1000, true", "2, 100, 1000, false", "3, 1, 10, false"})
  void everyStepIsOneTheMachineTakes(int version, int priority, long intervalMillis, boolean preempt) throws Exception {
    Inet4Address own = (Inet4Address) InetAddress.getByName("192.0.2.11");
    RouterParams params = new RouterParams(version, priority, Duration.ofMillis(intervalMillis), preempt,
        Duration.ZERO, own);
    assertDoesNotThrow(() -> Rehearsal.steps(params, 3));
  }
}
