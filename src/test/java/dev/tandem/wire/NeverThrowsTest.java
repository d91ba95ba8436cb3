package dev.tandem.wire;

import static dev.tandem.wire.WireFixtures.NODE;
import static dev.tandem.wire.WireFixtures.NODE_MAC;
import static dev.tandem.wire.WireFixtures.ipv4;
import static dev.tandem.wire.WireFixtures.multicastFrame;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decoders face whatever the link delivers: they answer, they never throw. */
class NeverThrowsTest {
  private static final List<byte[]> VALID = List.of(
      multicastFrame(WireFixtures.V2_PASS, false),
      multicastFrame(new VrrpAdvert(3, 52, 150, 10, 0, "",
          List.of(ipv4("192.0.2.101"), ipv4("192.0.2.102"), ipv4("192.0.2.103"))), true),
      GratuitousArp.build(NODE_MAC, NODE));

  @Test
  void everyTruncationOfAValidFrameIsAnsweredAndNoneIsAnAdvert() {
    for (byte[] frame : VALID) {
      for (int length = 0; length < frame.length; length++) {
        byte[] cut = Arrays.copyOf(frame, length);
        DecodedFrame decoded = assertDoesNotThrow(() -> FrameDecoder.decode(cut), "length " + length);
        assertFalse(decoded instanceof DecodedFrame.Advert, "accepted a frame cut to " + length + " bytes");
        assertDoesNotThrow(() -> GratuitousArp.parseClaim(cut), "length " + length);
      }
      Class<? extends DecodedFrame> whole = frame[12] == 8 && frame[13] == 0
          ? DecodedFrame.Advert.class : DecodedFrame.NotVrrp.class;
      assertInstanceOf(whole, FrameDecoder.decode(frame));
    }
  }

  @Test
  void seededRandomFramesAreAnswered() {
    Random random = new Random(20260101L);
    for (int i = 0; i < 3000; i++) {
      byte[] frame = new byte[random.nextInt(120)];
      random.nextBytes(frame);
      if (i % 2 == 0 && frame.length > 24) {
        // steer half of them past the cheap checks: IPv4, protocol 112
        frame[12] = 0x08;
        frame[13] = 0x00;
        frame[23] = 112;
      }
      assertAnswered(frame, "random frame " + i);
    }
  }

  @Test
  void seededMutationsOfValidFramesAreAnswered() {
    Random random = new Random(7L);
    for (int i = 0; i < 3000; i++) {
      byte[] frame = VALID.get(i % VALID.size()).clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
      }
      assertAnswered(Arrays.copyOf(frame, random.nextInt(frame.length + 8)), "mutation " + i);
    }
  }

  private static void assertAnswered(byte[] frame, String what) {
    assertDoesNotThrow(() -> FrameDecoder.decode(frame), what);
    assertDoesNotThrow(() -> GratuitousArp.parseClaim(frame), what);
  }
}
