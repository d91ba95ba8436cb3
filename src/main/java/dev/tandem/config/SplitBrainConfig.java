package dev.tandem.config;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;

/** An instance's split-brain detector: the peers it reports to and hears from, how often, and what it does. */
public record SplitBrainConfig(List<Inet4Address> peers, Duration interval, SplitBrainAction action) {
  public SplitBrainConfig {
    peers = List.copyOf(peers);
  }
}
