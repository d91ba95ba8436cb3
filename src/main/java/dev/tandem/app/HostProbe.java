package dev.tandem.app;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** What the config loader needs to know about this machine, gathered here so that config stays pure. */
public interface HostProbe {
  String hostName();

  /** Interface names; empty when they cannot be listed (the loader then does not check). */
  Set<String> interfaceNames();

  static HostProbe system() {
    return new HostProbe() {
      /** The kernel's name for the host: no resolver is asked, so broken DNS cannot hold up a start. */
      @Override
      public String hostName() {
        try {
          return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
          return "";
        }
      }

      @Override
      public Set<String> interfaceNames() {
        try {
          return NetworkInterface.networkInterfaces().map(NetworkInterface::getName).collect(Collectors.toSet());
        } catch (SocketException e) {
          return Set.of();
        }
      }
    };
  }
}
