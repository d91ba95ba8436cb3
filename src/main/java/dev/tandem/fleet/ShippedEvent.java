package dev.tandem.fleet;

import java.time.Instant;

/**
 * One local journal entry as the fleet store keeps it: the event's JSON as written, plus the
 * columns an auditor filters on. {@code kind} is the JSON's type name, so new event kinds need no
 * change here.
 */
public record ShippedEvent(
    String persistenceId,
    long sequenceNr,
    String instance,
    Instant at,
    String kind,
    int schema,
    String json) {}
