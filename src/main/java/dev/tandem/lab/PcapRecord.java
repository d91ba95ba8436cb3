package dev.tandem.lab;

import java.time.Instant;

/** One frame of a capture with the time the capturing kernel saw it. */
public record PcapRecord(Instant at, byte[] frame) {}
