package dev.tandem.app;

import dev.tandem.config.HostFacts;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.stream.Collectors;

/** Gathers what config validation needs to know about this host. */
final class HostProbe {
  private HostProbe() {}

  /** {@code strict}: an interface missing on this host is an error (run, check --strict), else a warning. */
  static HostFacts facts(boolean strict) {
    return new HostFacts(hostName(), interfaces(), strict);
  }

  private static String hostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
  }

  private static Set<String> interfaces() {
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .map(NetworkInterface::getName)
          .collect(Collectors.toUnmodifiableSet());
    } catch (SocketException e) {
      return Set.of();
    }
  }
}
