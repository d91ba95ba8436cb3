package dev.tandem.wire;

import static dev.tandem.wire.WireFixtures.NODE;
import static dev.tandem.wire.WireFixtures.NODE_MAC;
import static dev.tandem.wire.WireFixtures.ipv4;
import static dev.tandem.wire.WireFixtures.multicastFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testsupport.Hex;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GratuitousArpTest {
  private static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:12");

  @Test
  void buildsKeepalivedsFormKnownAnswer() {
    assertArrayEquals(Hex.bytes("ffffffffffff 020000000011 0806"
            + " 0001 0800 06 04 0001 020000000011 c0000264 ffffffffffff c0000264"),
        GratuitousArp.build(NODE_MAC, ipv4("192.0.2.100")));
  }

  @Test
  void aGratuitousArpClaimsItsAddressForItsMac() {
    ArpClaim claim = GratuitousArp.parseClaim(GratuitousArp.build(NODE_MAC, ipv4("192.0.2.100"))).orElseThrow();
    assertEquals(new ArpClaim(NODE_MAC, ipv4("192.0.2.100"), ipv4("192.0.2.100"), false), claim);
    assertTrue(claim.isGratuitous());
  }

  @Test
  void anArpReplyClaimsTheSendersAddress() {
    byte[] reply = Hex.bytes("020000000011 020000000012 0806"
        + " 0001 0800 06 04 0002 020000000012 c0000264 020000000011 c000020b");
    ArpClaim claim = GratuitousArp.parseClaim(reply).orElseThrow();
    assertEquals(new ArpClaim(PEER_MAC, ipv4("192.0.2.100"), NODE, true), claim);
    assertFalse(claim.isGratuitous());
  }

  @Test
  void anArpProbeClaimsNothing() {
    byte[] probe = Hex.bytes("ffffffffffff 020000000012 0806"
        + " 0001 0800 06 04 0001 020000000012 00000000 000000000000 c0000264");
    assertEquals(Optional.empty(), GratuitousArp.parseClaim(probe));
  }

  @Test
  void paddedFramesAreRead() {
    byte[] padded = Arrays.copyOf(GratuitousArp.build(NODE_MAC, NODE), 60);
    assertEquals(NODE, GratuitousArp.parseClaim(padded).orElseThrow().address());
  }

  @Test
  void otherFramesAndBrokenArpClaimNothing() {
    byte[] garp = GratuitousArp.build(NODE_MAC, NODE);
    assertEquals(Optional.empty(), GratuitousArp.parseClaim(multicastFrame(WireFixtures.V3, true)));
    assertEquals(Optional.empty(), GratuitousArp.parseClaim(Arrays.copyOf(garp, 41)));
    byte[] rarp = garp.clone();
    rarp[21] = 3;
    assertEquals(Optional.empty(), GratuitousArp.parseClaim(rarp));
    byte[] tokenRing = garp.clone();
    tokenRing[15] = 6;
    assertEquals(Optional.empty(), GratuitousArp.parseClaim(tokenRing));
  }
}
