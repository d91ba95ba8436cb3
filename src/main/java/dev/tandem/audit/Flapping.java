package dev.tandem.audit;

import java.time.Instant;

/** A period in which one node's instance changed state at least as often as the {@link FlapRule} allows. */
public record Flapping(String instance, String node, Instant from, Instant to, int transitions) {}
