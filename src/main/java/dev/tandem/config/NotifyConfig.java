package dev.tandem.config;

import java.util.Optional;

/** keepalived's notify_master / _backup / _fault / _stop, the generic notify, and the notify FIFO. */
public record NotifyConfig(
    Optional<String> master,
    Optional<String> backup,
    Optional<String> fault,
    Optional<String> stop,
    Optional<String> generic,
    Optional<String> fifo) {
  public static NotifyConfig none() {
    return new NotifyConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}
