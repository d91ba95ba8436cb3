package dev.tandem.lab;

import dev.tandem.testsupport.Environment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the network tests need from the machine, each through {@link Environment#requireOrSkip}:
 * skipped with its reason where it is missing, failed under CI=true.
 */
public final class LabRequirements {
  private LabRequirements() {}

  /** Root and network namespaces, for {@link Lab#create}. */
  public static void requireLab() {
    Environment.requireOrSkip(Lab.unavailableReason().isEmpty(), Lab.unavailableReason().orElse(""));
  }

  /** A lab and tcpdump, for {@link Lab#startCapture}. */
  public static void requireCapture() {
    requireLab();
    Environment.requireOrSkip(Lab.installed("tcpdump"), "the network lab captures with tcpdump, not installed");
  }

  /** nft, for drop rules on the lab bridge ({@link Lab#dropOnBridge}). */
  public static void requireNftables() {
    requireLab();
    Environment.requireOrSkip(Lab.installed("nft"), "dropping frames on the lab bridge needs nft (nftables), not installed");
  }

  public static void requireNginx() {
    requireLab();
    Environment.requireOrSkip(Lab.installed("nginx"), "the client's web servers are nginx, not installed");
  }

  public static void requireKeepalived() {
    requireLab();
    Environment.requireOrSkip(Lab.installed("keepalived"), "keepalived (2.2.7) is not installed");
  }

  /** The packaged jar that failsafe names in the system property tandem.jar. */
  public static Path requireTandemJar() {
    String jar = System.getProperty("tandem.jar", "");
    Environment.requireOrSkip(!jar.isEmpty() && Files.isRegularFile(Path.of(jar)),
        "no tandem jar (system property tandem.jar = \"" + jar + "\"): run `mvn verify`");
    return Path.of(jar);
  }
}
