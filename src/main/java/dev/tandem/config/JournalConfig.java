package dev.tandem.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the embedded H2 journal lives ({@code dir}/tandem.mv.db), and how long its events are kept
 * ({@code retention}; empty = keep everything).
 */
public record JournalConfig(Path dir, Optional<Duration> retention) {}
