package dev.tandem.wire;

import static dev.tandem.wire.WireFixtures.NODE;
import static dev.tandem.wire.WireFixtures.NODE_MAC;
import static dev.tandem.wire.WireFixtures.PEER;
import static dev.tandem.wire.WireFixtures.V2_PASS;
import static dev.tandem.wire.WireFixtures.V3;
import static dev.tandem.wire.WireFixtures.decodeAdvert;
import static dev.tandem.wire.WireFixtures.multicastFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One valid frame, one thing broken per case. Offsets: IPv4 header at 14 (TTL 22, protocol 23,
 * checksum 24), VRRP at 34 (version/type 34, VRID 35, count 37, checksum 40).
 */
class FrameDecoderTest {
  private static final int IP = 14;
  private static final int VRRP = 34;

  static Stream<Arguments> rejections() {
    return Stream.of(
        rejected("RFC 3768 7.1: MUST verify that the IP TTL is 255", V2_PASS, ip(f -> f[IP + 8] = (byte) 254),
            DiscardReason.TTL, "invalid TTL/HL. Received 254 and expect 255", 51),
        rejected("RFC 3768 7.1: MUST verify the VRRP version", V2_PASS, raw(f -> f[VRRP] = 0x41),
            DiscardReason.VERSION, "wrong version. Received 4 and expect 2 or 3", 51),
        rejected("RFC 3768 7.1: MUST discard packets of unknown type", V2_PASS, raw(f -> f[VRRP] = 0x22),
            DiscardReason.TYPE, "Invalid packet type. 2 and expect 1", 51),
        rejected("RFC 3768 7.1: MUST verify the packet is complete (count claims more addresses)", V2_PASS,
            raw(f -> f[VRRP + 3] = 2),
            DiscardReason.LENGTH, "vrrp packet too short, length 40 and expect 44", 51),
        rejected("RFC 3768 7.1: MUST verify the packet is complete (count claims fewer addresses)", V2_PASS,
            raw(f -> f[VRRP + 3] = 0),
            DiscardReason.LENGTH, "vrrp packet too long, length 40 and expect 36", 51),
        rejected("RFC 3768 7.1: MUST verify the packet is complete (datagram cut short)", V2_PASS,
            f -> Arrays.copyOf(f, 50),
            DiscardReason.LENGTH, "ip_tot_len mismatch against received length. 40 and received 36", 51),
        rejected("RFC 3768 7.1: MUST verify the packet is complete (shorter than the VRRP header)", V2_PASS,
            ip(f -> f[IP + 3] = 26),
            DiscardReason.LENGTH, "IPv4 VRRP packet too short - 26 bytes", 51),
        rejected("RFC 3768 7.1: MUST verify the VRRP checksum", V2_PASS, raw(f -> f[VRRP + 7] ^= 1),
            DiscardReason.CHECKSUM, "Invalid VRRPv2 checksum", 51),
        rejected("RFC 5798 7.1: MUST verify the VRRP checksum (neither with nor without pseudo-header)", V3,
            raw(f -> f[VRRP + 7] ^= 1),
            DiscardReason.CHECKSUM, "Invalid VRRPv3 checksum", 52),
        rejected("RFC 791: IPv4 header checksum", V2_PASS, raw(f -> f[IP + 11] ^= 1),
            DiscardReason.MALFORMED_FRAME, "invalid IPv4 header checksum", -1),
        rejected("RFC 791: IPv4 version is 4", V2_PASS, ip(f -> f[IP] = 0x65),
            DiscardReason.MALFORMED_FRAME, "invalid IPv4 header: version 6, header length 20, received 40 bytes", -1),
        rejected("RFC 791: IPv4 header length at least 5 words", V2_PASS, ip(f -> f[IP] = 0x44),
            DiscardReason.MALFORMED_FRAME, "invalid IPv4 header: version 4, header length 16, received 40 bytes", -1),
        rejected("RFC 791: IPv4 header complete", V2_PASS, f -> Arrays.copyOf(f, 30),
            DiscardReason.MALFORMED_FRAME, "IPv4 header truncated - 16 bytes", -1),
        rejected("RFC 791: total length covers the header", V2_PASS, ip(f -> f[IP + 3] = 16),
            DiscardReason.MALFORMED_FRAME, "IPv4 total length 16 shorter than its header (20)", -1),
        rejected("RFC 3768 5.2: an advert is never fragmented", V2_PASS, ip(f -> f[IP + 6] = 0x20),
            DiscardReason.MALFORMED_FRAME, "IPv4 fragment (an advert is never fragmented)", -1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void rejects(String rule, VrrpAdvert advert, UnaryOperator<byte[]> corruption, DiscardReason reason, String detail,
      int vrid) {
    byte[] frame = corruption.apply(multicastFrame(advert, true));
    DecodedFrame.Rejected rejected = assertInstanceOf(DecodedFrame.Rejected.class, FrameDecoder.decode(frame));
    assertEquals(new DecodedFrame.Rejected(vrid, new Discard(reason, detail)), rejected);
  }

  static Stream<Arguments> notVrrp() {
    return Stream.of(
        Arguments.of("ARP", GratuitousArp.build(NODE_MAC, NODE)),
        Arguments.of("IPv4 UDP", ip(f -> f[IP + 9] = 17).apply(multicastFrame(V2_PASS, false))),
        Arguments.of("IPv6 EtherType", raw(f -> f[13] = (byte) 0xDD).apply(raw(f -> f[12] = (byte) 0x86)
            .apply(multicastFrame(V2_PASS, false)))),
        Arguments.of("empty", new byte[0]),
        Arguments.of("shorter than an Ethernet header", new byte[13]),
        Arguments.of("IPv4 cut before the protocol field", Arrays.copyOf(multicastFrame(V2_PASS, false), 23)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notVrrp")
  void leavesOtherTrafficAlone(String name, byte[] frame) {
    assertInstanceOf(DecodedFrame.NotVrrp.class, FrameDecoder.decode(frame));
  }

  @Test
  void ethernetPaddingAfterTheDatagramIsIgnored() {
    byte[] padded = Arrays.copyOf(multicastFrame(V2_PASS, false), 60);
    assertEquals(V2_PASS, decodeAdvert(padded).advert());
  }

  @Test
  void unicastAdvertIsNotHeldToTtl255AsKeepalivedSkipsTheCheckInUnicastMode() {
    byte[] frame = AdvertFrame.build(NODE_MAC, MacAddress.parse("02:00:00:00:00:12"), NODE, PEER, 1, V3, true);
    ReceivedAdvert received = decodeAdvert(ip(f -> f[IP + 8] = 64).apply(frame));
    assertEquals(64, received.ttl());
    assertEquals(V3, received.advert());
  }

  @Test
  void ipOptionsAreSkipped() {
    byte[] plain = multicastFrame(V2_PASS, false);
    byte[] withOptions = new byte[plain.length + 4];
    System.arraycopy(plain, 0, withOptions, 0, VRRP);
    Arrays.fill(withOptions, VRRP, VRRP + 4, (byte) 1);  // four NOP options
    System.arraycopy(plain, VRRP, withOptions, VRRP + 4, plain.length - VRRP);
    byte[] frame = ip(f -> {
      f[IP] = 0x46;
      f[IP + 3] = 44;
    }).apply(withOptions);
    assertEquals(V2_PASS, decodeAdvert(frame).advert());
  }

  @Test
  void v3WithoutPseudoHeaderIsAcceptedAndSaysSo() {
    assertFalse(decodeAdvert(multicastFrame(V3, false)).checksumWithPseudoHeader());
  }

  private static Arguments rejected(String rule, VrrpAdvert advert, UnaryOperator<byte[]> corruption,
      DiscardReason reason, String detail, int vrid) {
    return Arguments.of(rule, advert, corruption, reason, detail, vrid);
  }

  /** A change to the frame as is. */
  private static UnaryOperator<byte[]> raw(Consumer<byte[]> change) {
    return frame -> {
      byte[] copy = frame.clone();
      change.accept(copy);
      return copy;
    };
  }

  /** A change to the IPv4 header that keeps its checksum valid, so that a later check is reached. */
  private static UnaryOperator<byte[]> ip(Consumer<byte[]> change) {
    return frame -> {
      byte[] copy = raw(change).apply(frame);
      int headerLength = Math.max(20, (copy[IP] & 0x0F) * 4);
      copy[IP + 10] = 0;
      copy[IP + 11] = 0;
      int checksum = InternetChecksum.of(copy, IP, headerLength);
      copy[IP + 10] = (byte) (checksum >>> 8);
      copy[IP + 11] = (byte) checksum;
      return copy;
    };
  }
}
