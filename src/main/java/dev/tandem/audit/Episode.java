package dev.tandem.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A failover: who lost Master, when and why, who became Master, when and why. A side that no journal
 * read shows is named by the peer address the other side heard, without a time. {@code gap} runs
 * from {@code lastHeard} (the old master's last advert) to the takeover, both on the new master's
 * clock, so clock skew between nodes never enters it.
 */
public record Episode(
    String instance,
    String lostBy,
    Optional<Instant> lostAt,
    String lostWhy,
    String takenBy,
    Optional<Instant> takenAt,
    String takenWhy,
    Optional<Instant> lastHeard,
    Optional<Duration> gap,
    Handover handover) {

  /** When the episode happened: the takeover, or the loss when no takeover is known. */
  public Instant at() {
    return takenAt.or(() -> lostAt).orElseThrow();
  }
}
