package dev.tandem.lab;

import java.time.Duration;

/**
 * Mastership of a VRID changing hands on the wire: the last advert of the old master and the first
 * one of the new master after it. {@link #gap()} is what a failover costs the network.
 */
public record Handover(WireAdvert lastOfOld, WireAdvert firstOfNew) {
  public Duration gap() {
    return Duration.between(lastOfOld.at(), firstOfNew.at());
  }

  public String from() {
    return lastOfOld.source();
  }

  public String to() {
    return firstOfNew.source();
  }
}
