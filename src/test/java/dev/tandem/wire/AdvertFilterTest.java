package dev.tandem.wire;

import static dev.tandem.wire.WireFixtures.GROUP;
import static dev.tandem.wire.WireFixtures.NODE;
import static dev.tandem.wire.WireFixtures.NODE_MAC;
import static dev.tandem.wire.WireFixtures.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The per-instance checks, against an instance configured like golden configuration (a) or (b). */
class AdvertFilterTest {
  private static final Inet4Address VIP = ipv4("192.0.2.100");
  private static final Inet4Address OTHER = ipv4("192.0.2.200");
  private static final Expectation V2_INSTANCE = new Expectation(2, 51, 1, "1111", 100, true, List.of(VIP));
  private static final Expectation V3_INSTANCE = new Expectation(3, 52, 0, "", 100, true, List.of(VIP));

  static Stream<Arguments> discards() {
    return Stream.of(
        discarded("RFC 3768 7.1: MUST verify the VRID is configured on the interface",
            v2(51, 150, 100, 1, "1111", VIP), new Expectation(2, 52, 1, "1111", 100, true, List.of(VIP)),
            DiscardReason.UNKNOWN_VRID, "Unknown VRID(51) received, expecting 52. ignoring..."),
        discarded("RFC 3768 7.1: MUST verify the VRRP version (v3 advert, v2 instance)",
            v3(51, 150, 100, true, VIP), V2_INSTANCE,
            DiscardReason.VERSION, "wrong version. Received 3 and expect 2"),
        discarded("RFC 3768 7.1: MUST verify the auth type matches (none received, PASS configured)",
            v2(51, 150, 100, 0, "", VIP), V2_INSTANCE,
            DiscardReason.AUTH_TYPE, "received a 0 auth, expecting 1!"),
        discarded("RFC 3768 7.1: MUST verify the auth type matches (an auth type that does not exist)",
            v2(51, 150, 100, 7, "", VIP), V2_INSTANCE,
            DiscardReason.AUTH_TYPE, "Invalid auth type: 7"),
        discarded("RFC 3768 5.3.6.1: MUST verify the simple text password",
            v2(51, 150, 100, 1, "2222", VIP), V2_INSTANCE,
            DiscardReason.AUTH_PASSWORD, "received an invalid passwd!"),
        discarded("RFC 3768 7.1: MUST verify the Adver Interval equals the local one",
            v2(51, 150, 200, 1, "1111", VIP), V2_INSTANCE,
            DiscardReason.INTERVAL_MISMATCH, "advertisement interval mismatch mine=1 sec rcv'd=2 sec"),
        discarded("RFC 9568 5.2.8: checksum without pseudo-header where RFC 5798's form is configured",
            v3(52, 150, 100, false, VIP), V3_INSTANCE,
            DiscardReason.CHECKSUM, "Invalid VRRPv3 checksum (the sender computes it without the IPv4"
                + " pseudo-header (RFC 9568), this instance expects it with the IPv4 pseudo-header (RFC 5798))"),
        discarded("RFC 5798 5.2.8: checksum with pseudo-header where RFC 9568's form is configured",
            v3(52, 150, 100, true, VIP), new Expectation(3, 52, 0, "", 100, false, List.of(VIP)),
            DiscardReason.CHECKSUM, "Invalid VRRPv3 checksum (the sender computes it with the IPv4"
                + " pseudo-header (RFC 5798), this instance expects it without the IPv4 pseudo-header (RFC 9568))"),
        discarded("RFC 3768 7.1 MAY verify the address count (keepalived 2.2.7 does)",
            v2(51, 150, 100, 1, "1111", VIP, OTHER), V2_INSTANCE,
            DiscardReason.ADDRESS_MISMATCH, "received an unexpected ip number count 2, expected 1!"),
        discarded("RFC 3768 7.1 MAY verify the address list (keepalived 2.2.7 ignores a differing one)",
            v2(51, 150, 100, 1, "1111", VIP), new Expectation(2, 51, 1, "1111", 100, true, List.of(OTHER)),
            DiscardReason.ADDRESS_MISMATCH, "ip address associated with VRID 51 not present in MASTER advert: 192.0.2.200"),
        discarded("RFC 5798 7.1 MAY verify the address list (v3, the second address differs)",
            v3(52, 150, 100, true, VIP, ipv4("192.0.2.101")),
            new Expectation(3, 52, 0, "", 100, true, List.of(VIP, OTHER)),
            DiscardReason.ADDRESS_MISMATCH, "ip address associated with VRID 52 not present in MASTER advert: 192.0.2.200"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("discards")
  void discards(String rule, ReceivedAdvert received, Expectation expected, DiscardReason reason, String detail) {
    assertEquals(Optional.of(new Discard(reason, detail)), AdvertFilter.check(received, expected));
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("golden (a): v2 PASS as configured", v2(51, 150, 100, 1, "1111", VIP), V2_INSTANCE),
        Arguments.of("RFC 3768 6.4.2: priority 0 is the state machine's business", v2(51, 0, 100, 1, "1111", VIP),
            V2_INSTANCE),
        Arguments.of("v2 without auth", v2(51, 150, 100, 0, "", VIP),
            new Expectation(2, 51, 0, "", 100, true, List.of(VIP))),
        Arguments.of("RFC 3768 5.3.6.1: a password counts by its first 8 bytes", v2(51, 150, 100, 1, "secret-p", VIP),
            new Expectation(2, 51, 1, "secret-password", 100, true, List.of(VIP))),
        Arguments.of("RFC 5798 6.4.2: a v3 backup adopts the master's interval", v3(52, 150, 25, true, VIP),
            V3_INSTANCE),
        Arguments.of("RFC 9568 checksum form where it is configured", v3(52, 150, 100, false, VIP),
            new Expectation(3, 52, 0, "", 100, false, List.of(VIP))),
        Arguments.of("the same addresses in another order", v3(52, 150, 100, true, OTHER, VIP),
            new Expectation(3, 52, 0, "", 100, true, List.of(VIP, OTHER))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void accepts(String rule, ReceivedAdvert received, Expectation expected) {
    assertEquals(Optional.empty(), AdvertFilter.check(received, expected));
  }

  private static Arguments discarded(String rule, ReceivedAdvert received, Expectation expected,
      DiscardReason reason, String detail) {
    return Arguments.of(rule, received, expected, reason, detail);
  }

  private static ReceivedAdvert v2(int vrid, int priority, int intervalCentis, int authType, String password,
      Inet4Address... addresses) {
    return received(false, new VrrpAdvert(2, vrid, priority, intervalCentis, authType, password, List.of(addresses)));
  }

  private static ReceivedAdvert v3(int vrid, int priority, int intervalCentis, boolean pseudoHeader,
      Inet4Address... addresses) {
    return received(pseudoHeader, new VrrpAdvert(3, vrid, priority, intervalCentis, 0, "", List.of(addresses)));
  }

  private static ReceivedAdvert received(boolean pseudoHeader, VrrpAdvert advert) {
    return new ReceivedAdvert(NODE_MAC, NODE, GROUP, 255, pseudoHeader, advert);
  }
}
