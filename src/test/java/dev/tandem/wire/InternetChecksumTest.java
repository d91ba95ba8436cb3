package dev.tandem.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.testsupport.Hex;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {

  @Test
  void rfc1071Section3ExampleSumsToDdf2() {
    byte[] data = Hex.bytes("0001 f203 f4f5 f6f7");
    assertEquals(0xDDF2, 0xFFFF & ~InternetChecksum.of(data, 0, data.length));
    assertEquals(0x220D, InternetChecksum.of(data, 0, data.length));
  }

  @Test
  void ipv4HeaderKnownAnswer() {
    byte[] header = Hex.bytes("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
    assertEquals(0xB861, InternetChecksum.of(header, 0, header.length));
  }

  @Test
  void keepalivedIpv4HeaderFromTheGoldenCaptureVerifiesToZero() {
    byte[] header = Hex.bytes("45c0 0028 0001 0000 ff70 1887 c000 020b e000 0012");
    assertEquals(0, InternetChecksum.of(header, 0, header.length));
  }

  @Test
  void oddLengthPadsTheLastByteAsAHighByte() {
    byte[] data = Hex.bytes("0102 03");
    assertEquals(0xFFFF & ~(0x0102 + 0x0300), InternetChecksum.of(data, 0, data.length));
  }

  @Test
  void carriesAreFoldedBackIn() {
    byte[] data = Hex.bytes("ffff ffff 0001");
    assertEquals(0xFFFE, InternetChecksum.of(data, 0, data.length));
  }

  @Test
  void chainedSumsEqualOneSumOverTheConcatenation() {
    byte[] a = Hex.bytes("c000 020b e000 0012");
    byte[] b = Hex.bytes("0070 000c 3134");
    byte[] ab = Hex.bytes("c000 020b e000 0012 0070 000c 3134");
    assertEquals(InternetChecksum.of(ab, 0, ab.length),
        InternetChecksum.finish(InternetChecksum.add(InternetChecksum.add(0, a, 0, a.length), b, 0, b.length)));
  }

  @Test
  void anOffsetRegionIgnoresTheBytesAround() {
    byte[] data = Hex.bytes("ee 0001 f203 f4f5 f6f7 ee");
    assertEquals(0x220D, InternetChecksum.of(data, 1, 8));
  }
}
