package dev.tandem.fleet;

import java.util.Optional;

/**
 * What one round of the replicator did: {@code events} shipped in it, {@code totalShipped} since the
 * replicator started, the local journal {@code offset} reached, whether nothing is left to ship,
 * and the failure that ended the round, if any.
 */
public record FleetProgress(int events, long totalShipped, long offset, boolean caughtUp, Optional<String> failure) {}
