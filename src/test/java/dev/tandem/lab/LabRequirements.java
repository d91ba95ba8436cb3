package dev.tandem.lab;

import dev.tandem.testsupport.Environment;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the network tests need from the machine; each is skipped (or, under CI=true, failed) without it. */
public final class LabRequirements {
  private LabRequirements() {}

  public static void requireLab() {
    Environment.requireOrSkip(Lab.unavailableReason().isEmpty(), Lab.unavailableReason().orElse(""));
    Environment.requireOrSkip(Environment.onPath("tcpdump"), "the network lab captures with tcpdump, not installed");
  }

  public static void requireKeepalived() {
    requireLab();
    Environment.requireOrSkip(Environment.onPath("keepalived"), "keepalived (2.2.7) is not installed");
  }

  /** The packaged jar that failsafe names in the system property tandem.jar. */
  public static Path requireTandemJar() {
    requireLab();
    String jar = System.getProperty("tandem.jar", "");
    Environment.requireOrSkip(!jar.isEmpty() && Files.isRegularFile(Path.of(jar)),
        "no tandem jar (system property tandem.jar = \"" + jar + "\"): run `mvn verify`");
    return Path.of(jar);
  }
}
