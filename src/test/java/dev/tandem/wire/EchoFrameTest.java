package dev.tandem.wire;

import static dev.tandem.wire.WireFixtures.NODE;
import static dev.tandem.wire.WireFixtures.NODE_MAC;
import static dev.tandem.wire.WireFixtures.PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EchoFrameTest {
  private static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:12");
  private static final InstanceReport REPORT = new InstanceReport(51, ReportedState.MASTER, 150, NODE, 1000);
  private static final int ICMP = 14 + 20;
  private static final int PAYLOAD = ICMP + 8;

  private static byte[] frame() {
    return EchoFrame.build(NODE_MAC, PEER_MAC, NODE, PEER, 0x7464, 7, REPORT);
  }

  @Test
  void aReportRoundTripsWithItsSender() {
    EchoReading.Report read = assertInstanceOf(EchoReading.Report.class, EchoFrame.decode(frame()));
    assertEquals(new EchoReading.Report(NODE_MAC, NODE, REPORT), read);
  }

  @Test
  void everyStateAndALongIntervalRoundTrip() {
    for (ReportedState state : ReportedState.values()) {
      InstanceReport report = new InstanceReport(255, state, 0, PEER, 40_950_000L);
      EchoReading read = EchoFrame.decode(EchoFrame.build(NODE_MAC, PEER_MAC, NODE, PEER, 1, 1, report));
      assertEquals(report, assertInstanceOf(EchoReading.Report.class, read).report());
    }
  }

  @Test
  void isAnIcmpEchoRequestWithValidIpAndIcmpChecksums() {
    byte[] f = frame();
    assertEquals(14 + 20 + 8 + 16, f.length);
    assertEquals(0x0800, Bytes.getShort(f, 12));
    assertEquals(1, Bytes.getByte(f, 14 + 9), "IP protocol ICMP");
    assertEquals(0, InternetChecksum.of(f, 14, 20), "IPv4 header checksum");
    assertEquals(8, Bytes.getByte(f, ICMP), "type echo request");
    assertEquals(0, Bytes.getByte(f, ICMP + 1), "code 0");
    assertEquals(0x7464, Bytes.getShort(f, ICMP + 4), "identifier");
    assertEquals(7, Bytes.getShort(f, ICMP + 6), "sequence");
    assertEquals(0, InternetChecksum.of(f, ICMP, 24), "ICMP checksum");
    assertEquals(PEER_MAC, MacAddress.of(f, 0));
  }

  @Test
  void thePeersKernelsEchoReplyIsNotAReport() {
    // The reply carries our own report back: reading it would make us our own peer.
    assertRejected("not an ICMP echo request (type 0)", f -> {
      f[ICMP] = 0;
      fixIcmpChecksum(f);
    });
  }

  @Test
  void rejectsEachBrokenFieldWithItsReason() {
    assertRejected("invalid ICMP checksum", f -> f[PAYLOAD + 7] ^= 1);
    assertRejected("echo payload without tandem's magic", f -> {
      f[PAYLOAD] = 'X';
      fixIcmpChecksum(f);
    });
    assertRejected("tandem report version 2, this tandem reads version 1", f -> {
      f[PAYLOAD + 4] = 2;
      fixIcmpChecksum(f);
    });
    assertRejected("tandem report for VRID 0", f -> {
      f[PAYLOAD + 5] = 0;
      fixIcmpChecksum(f);
    });
    assertRejected("tandem report with unknown state code 9", f -> {
      f[PAYLOAD + 6] = 9;
      fixIcmpChecksum(f);
    });
    assertRejected("tandem report with a zero interval", f -> {
      Arrays.fill(f, PAYLOAD + 12, PAYLOAD + 16, (byte) 0);
      fixIcmpChecksum(f);
    });
  }

  @Test
  void anOrdinaryPingIsNotAReport() {
    byte[] ping = Arrays.copyOf(frame(), 14 + 20 + 8 + 56);
    Bytes.putShort(ping, 14 + 2, 20 + 8 + 56);
    Bytes.putShort(ping, 14 + 10, 0);
    Bytes.putShort(ping, 14 + 10, InternetChecksum.of(ping, 14, 20));
    fixIcmpChecksum(ping);
    assertEquals(new EchoReading.NotAReport("echo payload of 56 bytes, a tandem report has 16"), EchoFrame.decode(ping));
  }

  @Test
  void otherFramesAndTruncatedOnesAreRejectedWithoutThrowing() {
    assertEquals(new EchoReading.NotAReport("not an IPv4 frame"),
        EchoFrame.decode(GratuitousArp.build(NODE_MAC, NODE)));
    assertEquals(new EchoReading.NotAReport("not ICMP"),
        EchoFrame.decode(WireFixtures.multicastFrame(WireFixtures.V2_PASS, false)));
    byte[] full = frame();
    for (int length = 0; length < full.length; length++) {
      EchoReading read = EchoFrame.decode(Arrays.copyOf(full, length));
      assertInstanceOf(EchoReading.NotAReport.class, read, "truncated to " + length);
    }
  }

  private static void assertRejected(String reason, Consumer<byte[]> damage) {
    byte[] f = frame();
    damage.accept(f);
    assertEquals(new EchoReading.NotAReport(reason), EchoFrame.decode(f));
  }

  private static void fixIcmpChecksum(byte[] f) {
    int length = f.length - ICMP;
    Bytes.putShort(f, ICMP + 2, 0);
    Bytes.putShort(f, ICMP + 2, InternetChecksum.of(f, ICMP, length));
  }
}
