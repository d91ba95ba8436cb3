package dev.tandem.wire;

import static dev.tandem.wire.WireFixtures.GROUP;
import static dev.tandem.wire.WireFixtures.GROUP_MAC;
import static dev.tandem.wire.WireFixtures.NODE;
import static dev.tandem.wire.WireFixtures.NODE_MAC;
import static dev.tandem.wire.WireFixtures.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.lab.Lab;
import dev.tandem.lab.PcapFile;
import dev.tandem.testsupport.Environment;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wireshark's dissectors, an independent implementation, check the frames tandem builds. */
class TsharkValidatesTandemTest {
  private static final String V3_PREFERENCE = "vrrp.v3_checksum_as_in_v2";
  /** With ip.check_checksum on, tshark marks a header checksum it verified. */
  private static final String IP_HEADER_CHECKSUM_CORRECT = "[Header checksum status: Good]";

  @TempDir
  static Path dir;
  private static Path capture;

  @BeforeAll
  static void writeTandemFrames() throws IOException {
    List<Inet4Address> two = List.of(ipv4("192.0.2.100"), ipv4("192.0.2.200"));
    capture = dir.resolve("tandem.pcap");
    PcapFile.write(capture, List.of(
        AdvertFrame.build(NODE_MAC, GROUP_MAC, NODE, GROUP, 1, new VrrpAdvert(2, 51, 150, 100, 1, "1111", two), false),
        AdvertFrame.build(NODE_MAC, GROUP_MAC, NODE, GROUP, 2, new VrrpAdvert(3, 52, 200, 10, 0, "", two), true),
        AdvertFrame.build(NODE_MAC, GROUP_MAC, NODE, GROUP, 3, new VrrpAdvert(3, 53, 100, 250, 0, "", two), false),
        GratuitousArp.build(NODE_MAC, ipv4("192.0.2.100"))));
  }

  /** Per test rather than per class, so that a skip shows in the report with its reason. */
  @BeforeEach
  void requireTshark() {
    Environment.requireOrSkip(Lab.installed("tshark"), "tshark is not installed (apt-get install tshark)");
  }

  @Test
  void v2PassAdvertIsValid() throws Exception {
    String frame = tshark(false).get(0);
    assertHas(frame,
        IP_HEADER_CHECKSUM_CORRECT,
        "Version 2, Packet type 1 (Advertisement)",
        "Virtual Rtr ID: 51",
        "Priority: 150",
        "Addr Count: 2",
        "Auth Type: Simple Text Authentication",
        "Adver Int: 1\n",
        "IP Address: 192.0.2.100\n    IP Address: 192.0.2.200",
        "Authentication String: 1111");
    assertVrrpChecksum(frame, true);
  }

  @Test
  void v3WithPseudoHeaderIsValidUnderRfc5798AndNotUnderRfc9568() throws Exception {
    String frame = tshark(false).get(1);
    assertHas(frame,
        IP_HEADER_CHECKSUM_CORRECT,
        "Version 3, Packet type 1 (Advertisement)",
        "Virtual Rtr ID: 52",
        "Priority: 200",
        "Adver Int: 10\n");
    assertVrrpChecksum(frame, true);
    assertVrrpChecksum(tshark(true).get(1), false);
  }

  @Test
  void v3WithoutPseudoHeaderIsValidUnderRfc9568AndNotUnderRfc5798() throws Exception {
    String frame = tshark(true).get(2);
    assertHas(frame,
        "Virtual Rtr ID: 53",
        "Adver Int: 250\n");
    assertVrrpChecksum(frame, true);
    assertVrrpChecksum(tshark(false).get(2), false);
  }

  @Test
  void gratuitousArpIsRecognised() throws Exception {
    String frame = tshark(false).get(3);
    assertHas(frame,
        "Address Resolution Protocol (request/gratuitous ARP)",
        "[Is gratuitous: True]",
        "Sender MAC address: 02:00:00:00:00:11",
        "Sender IP address: 192.0.2.100",
        "Target MAC address: Broadcast (ff:ff:ff:ff:ff:ff)",
        "Target IP address: 192.0.2.100");
  }

  private static void assertVrrpChecksum(String frame, boolean good) {
    String vrrp = frame.substring(frame.indexOf("Virtual Router Redundancy Protocol"));
    if (good) {
      assertHas(vrrp, "[correct]");
      assertHas(vrrp, "[Checksum Status: Good]");
    } else {
      assertHas(vrrp, "incorrect, should be 0x");
    }
  }

  private static void assertHas(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), "tshark output lacks \"" + part + "\":\n" + text);
    }
  }

  /** tshark -V, one string per frame, with the IPv4 header checksum checked too. */
  private static List<String> tshark(boolean v3ChecksumAsInV2) throws IOException, InterruptedException {
    Path out = dir.resolve("tshark-" + v3ChecksumAsInV2 + ".txt");
    Process process = new ProcessBuilder("tshark", "-r", capture.toString(), "-V",
        "-o", V3_PREFERENCE + ":" + (v3ChecksumAsInV2 ? "TRUE" : "FALSE"), "-o", "ip.check_checksum:TRUE")
        .redirectOutput(out.toFile())
        .redirectError(dir.resolve("tshark.err").toFile())
        .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("tshark did not finish within 60 s");
    }
    assertEquals(0, process.exitValue(), () -> "tshark failed: " + read(dir.resolve("tshark.err")));
    List<String> frames = new ArrayList<>(Arrays.asList(read(out).split("(?m)^(?=Frame \\d+: )")));
    frames.removeIf(String::isBlank);
    assertEquals(4, frames.size(), "frames tshark read");
    return frames;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
