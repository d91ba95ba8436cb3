package dev.tandem.app;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.stream.Collectors;

/** What the config loader needs to know about this machine, gathered here so that config stays pure. */
public interface HostProbe {
  String hostName();

  /** Interface names; empty when they cannot be listed (the loader then does not check). */
  Set<String> interfaceNames();

  static HostProbe system() {
    return new HostProbe() {
      @Override
      public String hostName() {
        try {
          return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
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
