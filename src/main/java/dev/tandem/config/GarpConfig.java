package dev.tandem.config;

import java.time.Duration;

/**
 * Gratuitous ARP on becoming Master: {@code masterRepeat} at once, the same again after
 * {@code masterDelay}; optionally {@code refreshRepeat} every {@code masterRefresh} while Master
 * (zero = off). keepalived's garp_master_delay / _repeat / _refresh / _refresh_repeat.
 */
public record GarpConfig(Duration masterDelay, int masterRepeat, Duration masterRefresh, int refreshRepeat) {}
