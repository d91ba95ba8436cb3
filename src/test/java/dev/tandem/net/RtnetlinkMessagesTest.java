package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.net.RtnetlinkMessages.Address;
import dev.tandem.net.RtnetlinkMessages.Message;
import dev.tandem.testsupport.Environment;
import dev.tandem.testsupport.Hex;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Known answers in the little-endian layout (x86, arm64): headers are in the host's byte order. */
class RtnetlinkMessagesTest {
  @BeforeEach
  void littleEndian() {
    Environment.requireOrSkip(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
        "the known answers are written in the little-endian layout");
  }

  @Test
  void anAddWithALabelIsWhatIpAddrAddSends() {
    assertArrayEquals(Hex.bytes("34000000 1400 0506 07000000 00000000" // RTM_NEWADDR, REQUEST|ACK|EXCL|CREATE, seq 7
            + "02 18 00 00 03000000" // AF_INET, /24, no flags, global scope, index 3
            + "0800 0200 c0000264" // IFA_LOCAL
            + "0800 0100 c0000264" // IFA_ADDRESS
            + "0b00 0300 6574 6830 3a31 0000"), // IFA_LABEL "eth0:1", NUL, padding
        bytes(RtnetlinkMessages.addAddress(7, 3, NetlinkAddressTableTest.vip("192.0.2.100", 24, "eth0:1"))));
  }

  @Test
  void aLoopbackAddressGetsHostScopeAsIpGivesIt() {
    byte[] add = bytes(RtnetlinkMessages.addAddress(1, 1, NetlinkAddressTableTest.vip("127.0.0.2", 8, null)));
    assertEquals((byte) 254, add[19]);
  }

  @Test
  void aRemoveCarriesNoLabelAndAsksForAnAcknowledgementOnly() {
    assertArrayEquals(Hex.bytes("28000000 1500 0500 09000000 00000000" // RTM_DELADDR, REQUEST|ACK, seq 9
            + "02 20 00 00 02000000" + "0800 0200 c6336407" + "0800 0100 c6336407"),
        bytes(RtnetlinkMessages.removeAddress(9, 2, NetlinkAddressTableTest.vip("198.51.100.7", 32, "eth0:1"))));
  }

  @Test
  void aLinkIsAskedForByName() {
    assertArrayEquals(Hex.bytes("2c000000 1200 0100 05000000 00000000" // RTM_GETLINK, REQUEST, seq 5
            + "00000000 00000000 00000000 00000000" // ifinfomsg: any family, index 0
            + "0900 0300 6574 6839 0000 0000"), // IFLA_IFNAME "eth9"
        bytes(RtnetlinkMessages.getLink(5, "eth9")));
  }

  @Test
  void aDumpOfAddressesAsksForAllOfThem() {
    assertArrayEquals(Hex.bytes("18000000 1600 0103 04000000 00000000 02 00 00 00 00000000"),
        bytes(RtnetlinkMessages.dumpAddresses(4)));
  }

  @Test
  void aDumpSplitsIntoItsAddressesAndEnds() {
    ByteBuffer received = ByteBuffer.wrap(Hex.bytes(
        // RTM_NEWADDR, MULTI, seq 4: 192.0.2.11/24 on index 2, with a label and cache info between
        "48000000 1400 0200 04000000 11223344"
            + "02 18 80 00 02000000"
            + "0800 0100 c000020b" + "0800 0200 c000020b" + "0900 0300 6574 6830 0000 0000"
            + "1400 0600 ffffffff ffffffff 01000000 01000000"
            // an IPv6 address of the same dump: not listed
            + "2c000000 1400 0200 04000000 11223344"
            + "0a 40 80 fd 02000000" + "1400 0100 fe800000 00000000 00000000 00000001"
            // a peer-only address (no IFA_LOCAL), as ip shows it
            + "20000000 1400 0200 04000000 11223344" + "02 20 00 00 05000000" + "0800 0100 cb007109"
            // NLMSG_DONE, error 0
            + "14000000 0300 0200 04000000 11223344 00000000"));
    List<Message> messages = RtnetlinkMessages.split(received);
    assertEquals(4, messages.size());
    assertEquals(List.of(Optional.of(new Address(2, "192.0.2.11/24")), Optional.empty(),
        Optional.of(new Address(5, "203.0.113.9/32")), Optional.empty()),
        messages.stream().map(RtnetlinkMessages::address).toList());
    assertFalse(messages.get(0).ends(), "a dump's messages are MULTI");
    assertTrue(messages.get(3).ends());
    assertEquals(0, RtnetlinkMessages.errno(messages.get(3)));
  }

  @Test
  void anErrorCarriesTheNegatedErrnoAndATruncatedTailIsDropped() {
    ByteBuffer received = ByteBuffer.wrap(Hex.bytes(
        "24000000 0200 0000 07000000 11223344 efffffff" // NLMSG_ERROR, -17 (EEXIST)
            + "34000000 1400 0506 07000000 00000000" // the request it answers
            + "30000000 1400 0200 08000000")); // a message cut short
    List<Message> messages = RtnetlinkMessages.split(received);
    assertEquals(1, messages.size());
    assertEquals(7, messages.get(0).sequence());
    assertTrue(messages.get(0).ends());
    assertEquals(17, RtnetlinkMessages.errno(messages.get(0)));
  }

  @Test
  void aSingleAnswerEndsAndCarriesTheLinkIndex() {
    Message link = RtnetlinkMessages.split(ByteBuffer.wrap(Hex.bytes(
        "20000000 1000 0000 05000000 11223344" + "00 00 0100 07000000 43100100 00000000"))).get(0);
    assertTrue(link.ends());
    assertEquals(RtnetlinkMessages.RTM_NEWLINK, link.type());
    assertEquals(7, RtnetlinkMessages.linkIndex(link.copy()));
  }

  private static byte[] bytes(ByteBuffer message) {
    byte[] out = new byte[message.remaining()];
    message.duplicate().get(out);
    return out;
  }
}
