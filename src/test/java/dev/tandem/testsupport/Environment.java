package dev.tandem.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need something of the machine (root, network namespaces, tshark) skip when it is
 * missing, except on CI (environment variable CI=true), where a skip would hide a broken setup.
 */
public final class Environment {
  private Environment() {}

  public static void requireOrSkip(boolean available, String reason) {
    if (available) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("required on CI: " + reason);
    }
    Assumptions.assumeTrue(false, reason);
  }
}
