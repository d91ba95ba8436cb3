package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.lab.LabRequirements;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Interface states from `ip -o link` / `ip -o monitor link`: the parser on the kernel's lines, and
 * a veth pair in a namespace of this test's own taken down and up.
 */
class IpLinkMonitorTest {
  private static final long BOUND_SECONDS = 10;
  private final String namespace = "tnd-ntf-" + UUID.randomUUID().toString().substring(0, 8);
  private boolean namespaceCreated;

  @AfterEach
  void removeNamespace() throws Exception {
    if (namespaceCreated) {
      run("ip", "netns", "del", namespace);
    }
  }

  @Test
  void anInterfaceIsUpWhenAdministrativelyUpWithCarrier() {
    assertEquals(Optional.of(new InterfaceState("eth0", true)), IpLinkMonitor.parse(
        "2: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default"));
    assertEquals(Optional.of(new InterfaceState("tva", false)), IpLinkMonitor.parse(
        "3: tva@tvb: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN"));
    assertEquals(Optional.of(new InterfaceState("tvb", false)), IpLinkMonitor.parse(
        "2: tvb@tva: <NO-CARRIER,BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state LOWERLAYERDOWN"));
    assertEquals(Optional.of(new InterfaceState("lo", false)), IpLinkMonitor.parse(
        "1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\\    link/loopback"));
    assertEquals(Optional.of(new InterfaceState("eth1", false)), IpLinkMonitor.parse(
        "Deleted 4: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noop state UP"));
    assertEquals(Optional.empty(), IpLinkMonitor.parse("    link/ether 02:00:00:00:00:0b brd ff:ff:ff:ff:ff:ff"));
  }

  @Test
  void aVethPairGoingDownAndUpIsReported() throws Exception {
    LabRequirements.requireLab();
    run("ip", "netns", "add", namespace);
    namespaceCreated = true;
    run("ip", "-n", namespace, "link", "add", "tva", "type", "veth", "peer", "name", "tvb");
    BlockingQueue<InterfaceState> events = new LinkedBlockingQueue<>();
    try (IpLinkMonitor monitor = IpLinkMonitor.start(List.of("ip", "netns", "exec", namespace))) {
      monitor.subscribe(events::add);
      assertEquals(Map.of("lo", false, "tva", false, "tvb", false), monitor.current());
      assertEquals(3, drain(events).size(), "a subscriber first hears every interface's state");

      run("ip", "-n", namespace, "link", "set", "tva", "up");
      run("ip", "-n", namespace, "link", "set", "tvb", "up");
      awaitStates(events, new InterfaceState("tva", true), new InterfaceState("tvb", true));

      run("ip", "-n", namespace, "link", "set", "tvb", "down");
      awaitStates(events, new InterfaceState("tvb", false), new InterfaceState("tva", false));

      run("ip", "-n", namespace, "link", "set", "tvb", "up");
      awaitStates(events, new InterfaceState("tva", true), new InterfaceState("tvb", true));
      assertEquals(Map.of("lo", false, "tva", true, "tvb", true), monitor.current());
    }
  }

  /** Takes events until each of {@code expected} has arrived, in any order; fails after the bound. */
  private static void awaitStates(BlockingQueue<InterfaceState> events, InterfaceState... expected)
      throws InterruptedException {
    Set<InterfaceState> missing = new HashSet<>(Set.of(expected));
    List<InterfaceState> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      InterfaceState next = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next != null) {
        missing.remove(next);
        seen.add(next);
      }
    }
    assertTrue(missing.isEmpty(), "missing " + missing + " after " + BOUND_SECONDS + " s; saw " + seen);
  }

  private static List<InterfaceState> drain(BlockingQueue<InterfaceState> events) {
    List<InterfaceState> drained = new ArrayList<>();
    events.drainTo(drained);
    return drained;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS), String.join(" ", command) + " finished");
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
  }
}
