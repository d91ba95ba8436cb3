package dev.tandem.lab;

import java.time.Instant;

/** A VRRP advert seen on the lab's bridge: when, from which IP, for which VRID, at which priority. */
public record WireAdvert(Instant at, String source, int vrid, int priority, int version, int intervalCentis) {}
