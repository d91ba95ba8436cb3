package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.lab.Lab;
import dev.tandem.lab.LabNode;
import dev.tandem.lab.LabProcess;
import dev.tandem.lab.LabRequirements;
import dev.tandem.testsupport.Percentiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real pcap links, each in a JVM inside a lab node's namespace ({@link PcapLinkProbe}): nodes a
 * (192.0.2.11) and b (192.0.2.12), whose eth0s are joined by the lab's bridge.
 */
class PcapLinkTest {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
  private Lab lab;
  private LabNode a;
  private LabNode b;

  @BeforeEach
  void hosts() {
    LabRequirements.requireLab();
    lab = Lab.create("a", "b");
    a = lab.node("a");
    b = lab.node("b");
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
    LabProcess receiver = probe(b, List.of(), "receive", "eth0");
    awaitLine(receiver, "READY");
    assertTrue(lab.ip(b, "maddr", "show", "dev", "eth0").contains("inet  224.0.0.18"),
        "the open link holds a membership of the VRRP group");

    List<String> sent = finish(probe(a, List.of(), "send", "eth0", String.valueOf(count)));
    assertEquals(0, receiver.terminate(PROBE_TIMEOUT), "the receiver reports and exits on SIGTERM: " + receiver.log());
    List<String> report = lines(receiver);

    Map<Integer, Long> sentAt = times(sent, "TX ");
    Map<Integer, Long> receivedAt = times(report, "RX ");
    assertEquals(count, sentAt.size(), String.join("\n", sent));
    assertEquals(sentAt.keySet(), receivedAt.keySet(), "every advert arrives, once");
    assertTrue(report.contains("OWN 0"), "a link never receives its own frames: " + report);
    String close = firstLine(report, "CLOSE_MS ").orElseThrow(() -> new AssertionError("no CLOSE_MS line: " + report));
    double closeMillis = Double.parseDouble(close.substring("CLOSE_MS ".length()));
    assertTrue(closeMillis < 1000, "close() on an idle link took " + closeMillis + " ms");

    long[] delays = sentAt.keySet().stream().mapToLong(id -> receivedAt.get(id) - sentAt.get(id)).toArray();
    System.out.printf("pcap on veth through a bridge, immediate mode: send->receive p50 %.3f ms, p99 %.3f ms, "
        + "max %.3f ms (n=%d); close() on the idle link %.1f ms%n", Percentiles.millis(delays, 50),
        Percentiles.millis(delays, 99), Percentiles.millis(delays, 100), count,
        closeMillis);
  }

  @Test
  void arpResolvesAPeersMacAndGivesUpOnASilentAddress() {
    String resolved = awaitLine(probe(a, List.of(), "arp", "eth0", b.address()), "ARP ");
    assertEquals(mac(b), resolved.split(" ")[1], resolved);
    System.out.println("ARP resolution between namespaces: " + resolved.split(" ")[2] + " ms");

    String silent = awaitLine(probe(a, List.of(), "arp", "eth0", "192.0.2.99"), "ARP ");
    assertEquals("none", silent.split(" ")[1], silent);
  }

  @Test
  void openSaysWhyAnInterfaceCannotBeUsed() {
    lab.ip(b, "link", "add", "c0", "type", "veth", "peer", "name", "c1");
    lab.ip(b, "addr", "add", "192.0.2.60/24", "dev", "eth0");

    assertEquals("OPENED " + mac(b) + " " + b.address(), open("eth0", List.of()),
        "the primary address is the kernel's first");
    assertEquals("ERROR no network interface named nope0", open("nope0", List.of()));
    assertEquals("ERROR c0 has no IPv4 address (VRRP sends adverts from one)", open("c0", List.of()));
    String unprivileged = open("eth0", List.of("capsh", "--drop=cap_net_raw", "--", "-c", "exec \"$0\" \"$@\""));
    assertTrue(unprivileged.startsWith("ERROR capturing on eth0 needs root or CAP_NET_RAW ("), unprivileged);
  }

  private String open(String iface, List<String> wrapper) {
    return awaitLine(probe(b, wrapper, "open", iface), "OPENED ", "ERROR ");
  }

  /** Starts {@link PcapLinkProbe} with this JVM's class path on a node, behind an optional wrapper (capsh). */
  private LabProcess probe(LabNode node, List<String> wrapper, String... args) {
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(List.of(Lab.javaExecutable(), "-cp", System.getProperty("java.class.path"),
        PcapLinkProbe.class.getName()));
    command.addAll(Arrays.asList(args));
    return lab.start(node, "probe-" + args[0], command);
  }

  private String mac(LabNode node) {
    return lab.exec(node, "cat", "/sys/class/net/eth0/address").trim();
  }

  /** The first line of a probe's output starting with one of the prefixes, waiting for it up to the timeout. */
  private static String awaitLine(LabProcess probe, String... prefixes) {
    Lab.waitFor(PROBE_TIMEOUT, () -> firstLine(probe, prefixes).isPresent() || !probe.isRunning());
    return firstLine(probe, prefixes).orElseThrow(() -> new AssertionError("no line starting with "
        + List.of(prefixes) + " within " + PROBE_TIMEOUT + "; output: " + probe.log()));
  }

  private static Optional<String> firstLine(LabProcess probe, String... prefixes) {
    return firstLine(lines(probe), prefixes);
  }

  /** The lines a probe has finished writing so far: all of them once it has exited. */
  private static List<String> lines(LabProcess probe) {
    boolean exited = !probe.isRunning();
    String log = probe.log();
    return (exited ? log : log.substring(0, log.lastIndexOf('\n') + 1)).lines().toList();
  }

  private static Optional<String> firstLine(List<String> lines, String... prefixes) {
    return lines.stream().filter(l -> Arrays.stream(prefixes).anyMatch(l::startsWith)).findFirst();
  }

  /** A probe's whole output, once it has exited on its own. */
  private static List<String> finish(LabProcess probe) {
    assertTrue(probe.awaitExit(PROBE_TIMEOUT).isPresent(),
        "probe did not exit within " + PROBE_TIMEOUT + "; output: " + probe.log());
    return lines(probe);
  }

  private static Map<Integer, Long> times(List<String> lines, String prefix) {
    Map<Integer, Long> out = new HashMap<>();
    lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.split(" "))
        .forEach(f -> assertEquals(null, out.put(Integer.parseInt(f[1]), Long.parseLong(f[2])), "duplicate " + f[1]));
    return out;
  }
}
