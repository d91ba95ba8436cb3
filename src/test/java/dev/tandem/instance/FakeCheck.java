package dev.tandem.instance;

import dev.tandem.health.CheckOutcome;
import dev.tandem.health.HealthCheck;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A check whose exit code the test sets; counts its runs. */
final class FakeCheck implements HealthCheck {
  private volatile int exitCode;
  final AtomicInteger runs = new AtomicInteger();

  void exitWith(int code) {
    exitCode = code;
  }

  @Override
  public CheckOutcome run(Duration timeout) {
    runs.incrementAndGet();
    int code = exitCode;
    return new CheckOutcome(code == 0, "exited with status " + code, "");
  }
}
