package dev.tandem.lab;

import java.time.Instant;

/**
 * A VRRP advert seen on the lab's bridge: when, from which IP, for which VRID, at which priority,
 * and where to (224.0.0.18 and its MAC, or a unicast peer's address and MAC).
 */
public record WireAdvert(Instant at, String source, int vrid, int priority, int version, int intervalCentis,
    String destination, String destinationMac) {}
