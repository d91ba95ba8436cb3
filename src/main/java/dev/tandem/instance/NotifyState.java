package dev.tandem.instance;

import dev.tandem.vrrp.VrrpState;
import java.util.Optional;

/** The state words keepalived's notifications carry: a state entered, or the instance stopping. */
public enum NotifyState {
  MASTER, BACKUP, FAULT, STOP;

  /** The notification for entering {@code state}; Initialize has none (keepalived notifies no INIT). */
  static Optional<NotifyState> entering(VrrpState state) {
    switch (state) {
      case MASTER:
        return Optional.of(MASTER);
      case BACKUP:
        return Optional.of(BACKUP);
      case FAULT:
        return Optional.of(FAULT);
      default:
        return Optional.empty();
    }
  }
}
