package dev.tandem.wire;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The lab's addresses (those of the golden captures) and adverts like the golden ones. */
final class WireFixtures {
  static final MacAddress NODE_MAC = MacAddress.parse("02:00:00:00:00:11");
  static final Inet4Address NODE = ipv4("192.0.2.11");
  static final Inet4Address PEER = ipv4("192.0.2.12");
  static final Inet4Address GROUP = ipv4("224.0.0.18");
  static final MacAddress GROUP_MAC = MacAddress.ipv4Multicast(GROUP);

  /** VRRPv2, VRID 51, priority 150, 1 s, PASS "1111", 192.0.2.100: golden configuration (a). */
  static final VrrpAdvert V2_PASS = new VrrpAdvert(2, 51, 150, 100, VrrpAdvert.AUTH_SIMPLE_TEXT, "1111",
      List.of(ipv4("192.0.2.100")));
  /** VRRPv3, VRID 52, priority 150, 0.1 s, 192.0.2.101: golden configuration (b). */
  static final VrrpAdvert V3 = new VrrpAdvert(3, 52, 150, 10, VrrpAdvert.AUTH_NONE, "",
      List.of(ipv4("192.0.2.101")));

  private WireFixtures() {}

  static Inet4Address ipv4(String literal) {
    try {
      return (Inet4Address) InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  /** The advert as the node multicasts it (IP identification 1). */
  static byte[] multicastFrame(VrrpAdvert advert, boolean v3PseudoHeader) {
    return AdvertFrame.build(NODE_MAC, GROUP_MAC, NODE, GROUP, 1, advert, v3PseudoHeader);
  }

  static ReceivedAdvert decodeAdvert(byte[] frame) {
    return assertInstanceOf(DecodedFrame.Advert.class, FrameDecoder.decode(frame)).advert();
  }
}
