package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real pcap links, each in a JVM inside its own namespace ({@link PcapLinkProbe}): hosts A
 * (192.0.2.1) and B (192.0.2.2) joined by veth pairs to a bridge in a third namespace.
 */
class PcapLinkTest {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
  private NamespaceLab lab;
  private String a;
  private String b;

  @BeforeEach
  void hosts() {
    NamespaceLab.requireNamespaces();
    lab = new NamespaceLab();
    a = lab.namespace("a");
    b = lab.namespace("b");
    String bridge = lab.namespace("br");
    lab.veth(a, "a0", bridge, "pa");
    lab.veth(b, "b0", bridge, "pb");
    lab.bridge(bridge, "br0", "pa", "pb");
    lab.ip(a, "addr", "add", "192.0.2.1/24", "dev", "a0");
    lab.ip(b, "addr", "add", "192.0.2.2/24", "dev", "b0");
  }

  @AfterEach
  void tearDown() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void advertsArriveAtThePeerButNotAtTheirSenderAndAnIdleLinkClosesPromptly() {
    int count = 1000;
    NamespaceLab.Probe receiver = lab.java(b, List.of(), PcapLinkProbe.class, "receive", "b0");
    receiver.awaitLine(PROBE_TIMEOUT, "READY");
    assertTrue(lab.ip(b, "maddr", "show", "dev", "b0").contains("inet  224.0.0.18"),
        "the open link holds a membership of the VRRP group");

    List<String> sent = lab.java(a, List.of(), PcapLinkProbe.class, "send", "a0", String.valueOf(count))
        .finish(PROBE_TIMEOUT);
    List<String> report = receiver.finish(PROBE_TIMEOUT);

    Map<Integer, Long> sentAt = times(sent, "TX ");
    Map<Integer, Long> receivedAt = times(report, "RX ");
    assertEquals(count, sentAt.size(), String.join("\n", sent));
    assertEquals(sentAt.keySet(), receivedAt.keySet(), "every advert arrives, once");
    assertTrue(report.contains("OWN 0"), "a link never receives its own frames: " + report);
    double closeMillis = Double.parseDouble(line(report, "CLOSE_MS ").substring("CLOSE_MS ".length()));
    assertTrue(closeMillis < 1000, "close() on an idle link took " + closeMillis + " ms");

    long[] delays = sentAt.keySet().stream().mapToLong(id -> receivedAt.get(id) - sentAt.get(id)).toArray();
    System.out.printf("pcap on veth through a bridge, immediate mode: send->receive p50 %.3f ms, p99 %.3f ms, "
        + "max %.3f ms (n=%d); close() on the idle link %.1f ms%n", IpRouteAddressTableTest.percentile(delays, 50),
        IpRouteAddressTableTest.percentile(delays, 99), IpRouteAddressTableTest.percentile(delays, 100), count,
        closeMillis);
  }

  @Test
  void arpResolvesAPeersMacAndGivesUpOnASilentAddress() {
    String peerMac = NamespaceLab.run("ip", "netns", "exec", b, "cat", "/sys/class/net/b0/address").trim();
    String resolved = lab.java(a, List.of(), PcapLinkProbe.class, "arp", "a0", "192.0.2.2")
        .awaitLine(PROBE_TIMEOUT, "ARP ");
    assertEquals(peerMac, resolved.split(" ")[1], resolved);
    System.out.println("ARP resolution between namespaces: " + resolved.split(" ")[2] + " ms");

    String silent = lab.java(a, List.of(), PcapLinkProbe.class, "arp", "a0", "192.0.2.99")
        .awaitLine(PROBE_TIMEOUT, "ARP ");
    assertEquals("none", silent.split(" ")[1], silent);
  }

  @Test
  void openSaysWhyAnInterfaceCannotBeUsed() {
    lab.ip(b, "link", "add", "c0", "type", "veth", "peer", "name", "c1");
    lab.ip(b, "addr", "add", "192.0.2.50/24", "dev", "b0");

    assertEquals("OPENED " + NamespaceLab.run("ip", "netns", "exec", b, "cat", "/sys/class/net/b0/address").trim()
        + " 192.0.2.2", open("b0", List.of()), "the primary address is the kernel's first");
    assertEquals("ERROR no network interface named nope0", open("nope0", List.of()));
    assertEquals("ERROR c0 has no IPv4 address (VRRP sends adverts from one)", open("c0", List.of()));
    String unprivileged = open("b0", List.of("capsh", "--drop=cap_net_raw", "--", "-c", "exec \"$0\" \"$@\""));
    assertTrue(unprivileged.startsWith("ERROR capturing on b0 needs root or CAP_NET_RAW ("), unprivileged);
  }

  private String open(String iface, List<String> wrapper) {
    return lab.java(b, wrapper, PcapLinkProbe.class, "open", iface).awaitLine(PROBE_TIMEOUT, "OPENED ", "ERROR ");
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + "line in " + lines));
  }

  private static Map<Integer, Long> times(List<String> lines, String prefix) {
    Map<Integer, Long> out = new HashMap<>();
    lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.split(" "))
        .forEach(f -> assertEquals(null, out.put(Integer.parseInt(f[1]), Long.parseLong(f[2])), "duplicate " + f[1]));
    return out;
  }
}
