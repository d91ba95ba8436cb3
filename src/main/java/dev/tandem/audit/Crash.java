package dev.tandem.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A start whose recovered state was Master with no stop before it: the previous run ended while
 * Master. {@code lastJournaled} is that run's last event, when the journals read hold it.
 */
public record Crash(String instance, String node, Instant restartedAt, Optional<Instant> lastJournaled) {}
