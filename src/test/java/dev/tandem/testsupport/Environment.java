package dev.tandem.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One rule for tests that need something from the machine (root, netns, tshark): skip with a clear
 * reason where it is missing, but fail under CI=true, where a skipped test would hide a gap.
 */
public final class Environment {
  private Environment() {}

  public static void requireOrSkip(boolean available, String reason) {
    if (!available && "true".equals(System.getenv("CI"))) {
      Assertions.fail(reason + " (CI=true: this test must run here)");
    }
    Assumptions.assumeTrue(available, reason);
  }
}
