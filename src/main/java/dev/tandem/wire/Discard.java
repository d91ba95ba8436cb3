package dev.tandem.wire;

/** A rejected frame: the reason (counted) and a line for the log, worded like keepalived's. */
public record Discard(DiscardReason reason, String detail) {}
