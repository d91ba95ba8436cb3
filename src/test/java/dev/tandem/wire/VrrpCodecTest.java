package dev.tandem.wire;

import static dev.tandem.wire.WireFixtures.GROUP;
import static dev.tandem.wire.WireFixtures.NODE;
import static dev.tandem.wire.WireFixtures.V2_PASS;
import static dev.tandem.wire.WireFixtures.V3;
import static dev.tandem.wire.WireFixtures.ipv4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.testsupport.Hex;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VrrpCodecTest {

  @Test
  void v2KnownAnswerFromKeepalived() {
    assertArrayEquals(Hex.bytes("2133 9601 0101 2303 c000 0264 3131 3131 0000 0000"),
        VrrpCodec.encode(V2_PASS, NODE, GROUP, false));
  }

  @Test
  void v2PriorityZeroKnownAnswerFromKeepalived() {
    VrrpAdvert stopping = new VrrpAdvert(2, 51, 0, 100, 1, "1111", V2_PASS.addresses());
    assertArrayEquals(Hex.bytes("2133 0001 0101 b903 c000 0264 3131 3131 0000 0000"),
        VrrpCodec.encode(stopping, NODE, GROUP, false));
  }

  @Test
  void v2ChecksumIgnoresThePseudoHeaderSwitch() {
    assertArrayEquals(VrrpCodec.encode(V2_PASS, NODE, GROUP, false), VrrpCodec.encode(V2_PASS, NODE, GROUP, true));
  }

  @Test
  void v3WithPseudoHeaderKnownAnswerFromKeepalived() {
    assertArrayEquals(Hex.bytes("3134 9601 000a d3bf c000 0265"), VrrpCodec.encode(V3, NODE, GROUP, true));
  }

  @Test
  void v3WithoutPseudoHeaderSumsTheMessageOnly() {
    byte[] message = VrrpCodec.encode(V3, NODE, GROUP, false);
    assertEquals(0, InternetChecksum.of(message, 0, message.length));
    // 3134 + 9601 + 000a + c000 + 0265 = 1 89a4, folded 89a5, complemented 765a
    assertArrayEquals(Hex.bytes("3134 9601 000a 765a c000 0265"), message);
  }

  @Test
  void v2PasswordIsItsFirstEightBytesNulPadded() {
    VrrpAdvert longPassword = new VrrpAdvert(2, 51, 150, 100, 1, "secret-password", V2_PASS.addresses());
    byte[] message = VrrpCodec.encode(longPassword, NODE, GROUP, false);
    assertArrayEquals("secret-p".getBytes(), Arrays.copyOfRange(message, 12, 20));
    VrrpAdvert shortPassword = new VrrpAdvert(2, 51, 150, 100, 1, "ab", V2_PASS.addresses());
    assertArrayEquals(Hex.bytes("6162 0000 0000 0000"),
        Arrays.copyOfRange(VrrpCodec.encode(shortPassword, NODE, GROUP, false), 12, 20));
  }

  @Test
  void v2WithoutAuthSendsZeroAuthData() {
    VrrpAdvert none = new VrrpAdvert(2, 51, 150, 100, 0, "ignored", V2_PASS.addresses());
    assertArrayEquals(new byte[8], Arrays.copyOfRange(VrrpCodec.encode(none, NODE, GROUP, false), 12, 20));
  }

  static Stream<Arguments> invalidAdverts() {
    List<Inet4Address> one = List.of(ipv4("192.0.2.100"));
    return Stream.of(
        Arguments.of(new VrrpAdvert(4, 51, 150, 100, 0, "", one), "VRRP version must be 2 or 3, not 4"),
        Arguments.of(new VrrpAdvert(2, 0, 150, 100, 0, "", one), "VRID must be 1-255, not 0"),
        Arguments.of(new VrrpAdvert(2, 256, 150, 100, 0, "", one), "VRID must be 1-255, not 256"),
        Arguments.of(new VrrpAdvert(2, 51, 256, 100, 0, "", one), "priority must be 0-255, not 256"),
        Arguments.of(new VrrpAdvert(2, 51, 150, 150, 0, "", one),
            "a VRRPv2 advert interval is whole seconds 1-255, not 150 cs"),
        Arguments.of(new VrrpAdvert(2, 51, 150, 100, 2, "", one),
            "VRRPv2 auth type must be 0 (none) or 1 (simple text), not 2"),
        Arguments.of(new VrrpAdvert(3, 52, 150, 4096, 0, "", one), "a VRRPv3 advert interval is 1-4095 cs, not 4096"),
        Arguments.of(new VrrpAdvert(3, 52, 150, 0, 0, "", one), "a VRRPv3 advert interval is 1-4095 cs, not 0"),
        Arguments.of(new VrrpAdvert(3, 52, 150, 10, 0, "", Collections.nCopies(256, ipv4("192.0.2.1"))),
            "at most 255 addresses fit an advert, not 256"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidAdverts")
  void fieldsThatDoNotFitTheWireAreRefusedWithAClearMessage(VrrpAdvert advert, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VrrpCodec.encode(advert, NODE, GROUP, true));
    assertEquals(message, e.getMessage());
  }
}
