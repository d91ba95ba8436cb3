package dev.tandem.bench;

import java.time.Instant;

/**
 * A backup's own record of one takeover: when it last heard the old master and when it decided to
 * become master, on its own clock (tandem's journal: {@code peerLastHeard} and the event's time).
 */
record TakeoverDecision(Instant lastHeard, Instant decided) {}
