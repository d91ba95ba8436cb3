package dev.tandem.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArpFrameTest {
  private static final MacAddress OURS = MacAddress.parse("02:00:00:00:00:01");
  private static final MacAddress THEIRS = MacAddress.parse("02:00:00:00:00:02");

  @Test
  void aRequestIsBroadcastWithAZeroTargetMacAsTheKernelSendsIt() {
    byte[] frame = ArpFrame.request(OURS, ip("192.0.2.1"), ip("192.0.2.2"));
    assertArrayEquals(HexFormat.of().parseHex("ffffffffffff" + "020000000001" + "0806"
        + "0001" + "0800" + "06" + "04" + "0001" + "020000000001" + "c0000201" + "000000000000" + "c0000202"), frame);
    assertEquals(Optional.of(new ArpClaim(OURS, ip("192.0.2.1"), ip("192.0.2.2"), false)),
        GratuitousArp.parseClaim(frame));
  }

  @Test
  void aReplyGoesToTheAskerOnly() {
    byte[] frame = ArpFrame.reply(THEIRS, ip("192.0.2.2"), OURS, ip("192.0.2.1"));
    assertArrayEquals(HexFormat.of().parseHex("020000000001" + "020000000002" + "0806"
        + "0001" + "0800" + "06" + "04" + "0002" + "020000000002" + "c0000202" + "020000000001" + "c0000201"), frame);
    assertEquals(Optional.of(new ArpClaim(THEIRS, ip("192.0.2.2"), ip("192.0.2.1"), true)),
        GratuitousArp.parseClaim(frame));
  }

  @Test
  void gratuitousArpKeepsKeepalivedsForm() {
    assertArrayEquals(HexFormat.of().parseHex("ffffffffffff" + "020000000001" + "0806"
        + "0001" + "0800" + "06" + "04" + "0001" + "020000000001" + "c0000264" + "ffffffffffff" + "c0000264"),
        GratuitousArp.build(OURS, ip("192.0.2.100")));
  }

  private static Inet4Address ip(String dotted) {
    try {
      return (Inet4Address) InetAddress.getByName(dotted);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
