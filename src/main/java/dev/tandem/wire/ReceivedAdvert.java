package dev.tandem.wire;

import java.net.Inet4Address;

/**
 * An advert as it arrived: who sent it (MAC and IP), to where, with which TTL, and, for v3, whether
 * its checksum covered the IPv4 pseudo-header (v2: always false).
 */
public record ReceivedAdvert(
    MacAddress sourceMac,
    Inet4Address source,
    Inet4Address destination,
    int ttl,
    boolean checksumWithPseudoHeader,
    VrrpAdvert advert) {}
