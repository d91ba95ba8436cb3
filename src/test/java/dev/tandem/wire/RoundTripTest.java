package dev.tandem.wire;

import static dev.tandem.wire.WireFixtures.GROUP;
import static dev.tandem.wire.WireFixtures.GROUP_MAC;
import static dev.tandem.wire.WireFixtures.NODE;
import static dev.tandem.wire.WireFixtures.NODE_MAC;
import static dev.tandem.wire.WireFixtures.PEER;
import static dev.tandem.wire.WireFixtures.decodeAdvert;
import static dev.tandem.wire.WireFixtures.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What AdvertFrame builds, FrameDecoder reads back unchanged. */
class RoundTripTest {
  private static final List<Inet4Address> THREE =
      List.of(ipv4("192.0.2.100"), ipv4("198.51.100.7"), ipv4("203.0.113.250"));

  static Stream<Arguments> adverts() {
    return Stream.of(
        Arguments.of("v2 PASS, three addresses", new VrrpAdvert(2, 51, 150, 100, 1, "1111", THREE), false),
        Arguments.of("v2 no auth, 255 s, priority 255", new VrrpAdvert(2, 255, 255, 25500, 0, "", THREE), false),
        Arguments.of("v2 PASS of 8 bytes", new VrrpAdvert(2, 1, 100, 300, 1, "12345678", THREE), false),
        Arguments.of("v3 with pseudo-header, three addresses", new VrrpAdvert(3, 52, 150, 10, 0, "", THREE), true),
        Arguments.of("v3 without pseudo-header, three addresses", new VrrpAdvert(3, 52, 150, 10, 0, "", THREE), false),
        Arguments.of("v3 priority 0, 40.95 s", new VrrpAdvert(3, 9, 0, 4095, 0, "", THREE), true),
        Arguments.of("v3 no address", new VrrpAdvert(3, 9, 100, 100, 0, "", List.of()), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adverts")
  void decodesWhatItEncodes(String name, VrrpAdvert advert, boolean pseudoHeader) {
    ReceivedAdvert received = decodeAdvert(WireFixtures.multicastFrame(advert, pseudoHeader));
    assertEquals(new ReceivedAdvert(NODE_MAC, NODE, GROUP, 255, advert.version() == 3 && pseudoHeader, advert),
        received);
  }

  @Test
  void unicastAdvertGoesToThePeersMacAndKeepsItsPseudoHeaderDestination() {
    MacAddress peerMac = MacAddress.parse("02:00:00:00:00:12");
    VrrpAdvert advert = new VrrpAdvert(3, 52, 150, 100, 0, "", THREE);
    byte[] frame = AdvertFrame.build(NODE_MAC, peerMac, NODE, PEER, 7, advert, true);
    assertEquals(peerMac, MacAddress.of(frame, 0));
    assertEquals(new ReceivedAdvert(NODE_MAC, NODE, PEER, 255, true, advert), decodeAdvert(frame));
  }

  @Test
  void multicastFrameGoesToTheGroupMac() {
    byte[] frame = WireFixtures.multicastFrame(WireFixtures.V3, true);
    assertEquals(MacAddress.parse("01:00:5e:00:00:12"), GROUP_MAC);
    assertEquals(GROUP_MAC, MacAddress.of(frame, 0));
  }
}
