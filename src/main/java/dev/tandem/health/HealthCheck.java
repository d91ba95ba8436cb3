package dev.tandem.health;

import java.time.Duration;

/**
 * One tracked check, run once per call: a command line, an HTTP GET, a TCP connect or a pid-file
 * look-up. It blocks for at most about {@code timeout} and reports failures as outcomes, never as
 * exceptions, so a caller on a blocking thread can run it on a timer.
 */
public interface HealthCheck {
  CheckOutcome run(Duration timeout);
}
