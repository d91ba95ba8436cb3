package dev.tandem.wire;

import static dev.tandem.wire.WireFixtures.GROUP;
import static dev.tandem.wire.WireFixtures.GROUP_MAC;
import static dev.tandem.wire.WireFixtures.NODE;
import static dev.tandem.wire.WireFixtures.NODE_MAC;
import static dev.tandem.wire.WireFixtures.V2_PASS;
import static dev.tandem.wire.WireFixtures.V3;
import static dev.tandem.wire.WireFixtures.decodeAdvert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.lab.PcapFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tandem against frames real keepalived 2.2.7 sent (src/test/resources/golden, made by capture.sh):
 * it accepts them, and it builds the same bytes.
 */
class GoldenKeepalivedTest {
  private static final int IP = 14;
  private static final int VRRP = 34;

  /** An IPv4 header field, offset from the header's start. */
  private record IpField(String name, int offset, int length) {}

  /** Every field but identification (the kernel's) and header checksum (follows from it). */
  private static final List<IpField> FIELDS_KEEPALIVED_SETS = List.of(
      new IpField("version and header length (4, 5)", 0, 1),
      new IpField("TOS (0xc0, network control)", 1, 1),
      new IpField("total length", 2, 2),
      new IpField("flags and fragment offset (no DF)", 6, 2),
      new IpField("TTL (255)", 8, 1),
      new IpField("protocol (112)", 9, 1),
      new IpField("source", 12, 4),
      new IpField("destination", 16, 4));

  static Stream<Arguments> captures() {
    return Stream.of(
        Arguments.of("v2-vrid51.pcap", V2_PASS, false),
        Arguments.of("v3-vrid52.pcap", V3, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void everyAdvertIsAcceptedWithTheConfiguredFields(String capture, VrrpAdvert configured, boolean pseudoHeader) {
    List<byte[]> adverts = adverts(capture);
    assertTrue(adverts.size() >= 4, "too few adverts in " + capture + ": " + adverts.size());
    for (int i = 0; i < adverts.size(); i++) {
      // keepalived's last advert is the priority-0 one it sends on SIGTERM
      int priority = i == adverts.size() - 1 ? 0 : configured.priority();
      VrrpAdvert expected = new VrrpAdvert(configured.version(), configured.vrid(), priority,
          configured.intervalCentis(), configured.authType(), configured.authPassword(), configured.addresses());
      assertEquals(new ReceivedAdvert(NODE_MAC, NODE, GROUP, 255, pseudoHeader, expected),
          decodeAdvert(adverts.get(i)), capture + " advert " + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void tandemEncodesByteIdenticalVrrpMessages(String capture, VrrpAdvert configured, boolean pseudoHeader) {
    for (byte[] frame : adverts(capture)) {
      VrrpAdvert advert = decodeAdvert(frame).advert();
      assertArrayEquals(Arrays.copyOfRange(frame, VRRP, frame.length),
          VrrpCodec.encode(advert, NODE, GROUP, pseudoHeader));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void tandemFramesDifferOnlyInIpIdentificationAndHeaderChecksum(String capture, VrrpAdvert configured,
      boolean pseudoHeader) {
    for (byte[] captured : adverts(capture)) {
      VrrpAdvert advert = decodeAdvert(captured).advert();
      byte[] built = AdvertFrame.build(NODE_MAC, GROUP_MAC, NODE, GROUP, 0, advert, pseudoHeader);
      assertArrayEquals(Arrays.copyOf(captured, IP), Arrays.copyOf(built, IP), "Ethernet header");
      for (IpField field : FIELDS_KEEPALIVED_SETS) {
        int from = IP + field.offset();
        int to = from + field.length();
        assertArrayEquals(Arrays.copyOfRange(captured, from, to), Arrays.copyOfRange(built, from, to),
            "IPv4 " + field.name());
      }
      // keepalived leaves identification 0 for the kernel to fill (1, 2, 3, ...): with the same
      // identification tandem's frame is the same to the last byte, header checksum included.
      int identification = (captured[IP + 4] & 0xFF) << 8 | (captured[IP + 5] & 0xFF);
      assertArrayEquals(captured,
          AdvertFrame.build(NODE_MAC, GROUP_MAC, NODE, GROUP, identification, advert, pseudoHeader));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void tandemBuildsKeepalivedsGratuitousArps(String capture, VrrpAdvert configured, boolean pseudoHeader) {
    List<byte[]> arps = frames(capture).stream().filter(f -> f[12] == 0x08 && f[13] == 0x06)
        .collect(Collectors.toList());
    assertEquals(5, arps.size(), "keepalived sends 5 gratuitous ARPs at takeover");
    byte[] tandem = GratuitousArp.build(NODE_MAC, configured.addresses().get(0));
    for (byte[] arp : arps) {
      assertArrayEquals(arp, tandem);
      assertEquals(new ArpClaim(NODE_MAC, configured.addresses().get(0), configured.addresses().get(0), false),
          GratuitousArp.parseClaim(arp).orElseThrow());
    }
  }

  @Test
  void keepalived227IncludesThePseudoHeaderInTheV3Checksum() {
    for (byte[] frame : adverts("v3-vrid52.pcap")) {
      ReceivedAdvert received = decodeAdvert(frame);
      assertTrue(received.checksumWithPseudoHeader());
      byte[] rfc9568Form = VrrpCodec.encode(received.advert(), NODE, GROUP, false);
      assertNotEquals(Bytes.getShort(frame, VRRP + VrrpCodec.OFF_CHECKSUM),
          Bytes.getShort(rfc9568Form, VrrpCodec.OFF_CHECKSUM), "the checksum also fits RFC 9568's form");
    }
  }

  private static List<byte[]> adverts(String capture) {
    return frames(capture).stream().filter(f -> f[12] == 0x08 && f[13] == 0x00).collect(Collectors.toList());
  }

  private static List<byte[]> frames(String capture) {
    try (InputStream in = GoldenKeepalivedTest.class.getResourceAsStream("/golden/" + capture)) {
      if (in == null) {
        throw new IllegalStateException("missing golden capture " + capture + ": run golden/capture.sh");
      }
      return PcapFile.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
