package dev.tandem.wire;

import java.util.Optional;

/** An instance's VRRP state as a split-brain report carries it, one byte on the wire. */
public enum ReportedState {
  INITIALIZE(0),
  BACKUP(1),
  MASTER(2),
  FAULT(3);

  private final int code;

  ReportedState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<ReportedState> of(int code) {
    for (ReportedState s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
