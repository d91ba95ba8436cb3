package dev.tandem.vrrp;

import java.net.Inet4Address;
import java.time.Duration;

/**
 * The fixed parameters of one virtual router as the state machine needs them. {@code primaryAddress}
 * is this router's own address on the interface (the tie-break on equal priority compares it).
 */
public record RouterParams(
    int version,
    int priority,
    Duration advertInterval,
    boolean preempt,
    Duration preemptDelay,
    Inet4Address primaryAddress) {}
