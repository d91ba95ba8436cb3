package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.config.VirtualAddress;
import dev.tandem.lab.Lab;
import dev.tandem.lab.LabNode;
import dev.tandem.lab.LabRequirements;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against iproute2 in the namespace of a lab node of the test's own, on the node's eth0 (192.0.2.11/24). */
class IpRouteAddressTableTest {
  private Lab lab;
  private LabNode node;
  private String own;
  private IpRouteAddressTable table;

  @BeforeEach
  void namespace() {
    LabRequirements.requireLab();
    lab = Lab.create("host");
    node = lab.node("host");
    own = node.address() + "/" + LabNode.PREFIX_LENGTH;
    table = new IpRouteAddressTable(List.of("ip", "-n", node.namespace()));
  }

  @AfterEach
  void cleanUp() {
    if (table != null) {
      table.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void addsListsAndRemovesWithLabel() {
    VirtualAddress vip = vip("192.0.2.100", 24, "eth0:1");
    table.add("eth0", vip);
    assertEquals(List.of(own, "192.0.2.100/24"), table.list("eth0"));
    assertTrue(lab.ip(node, "-4", "addr", "show", "dev", "eth0")
        .contains("192.0.2.100/24 scope global secondary eth0:1"));

    table.remove("eth0", vip);
    assertEquals(List.of(own), table.list("eth0"));
  }

  @Test
  void addingAPresentAddressAndRemovingAnAbsentOneAreNoErrors() {
    VirtualAddress vip = vip("198.51.100.7", 32, null);
    table.add("eth0", vip);
    table.add("eth0", vip);
    assertEquals(List.of(own, "198.51.100.7/32"), table.list("eth0"));
    table.remove("eth0", vip);
    table.remove("eth0", vip);
    assertEquals(List.of(own), table.list("eth0"));
  }

  @Test
  void aMissingDeviceIsAClearErrorAndTheTableCarriesOn() {
    AddressTableException add = assertThrows(AddressTableException.class,
        () -> table.add("nope0", vip("192.0.2.100", 24, null)));
    assertEquals("ip -n " + node.namespace() + " addr add 192.0.2.100/24 dev nope0: "
        + "Cannot find device \"nope0\"; Device \"nope0\" does not exist.", add.getMessage());
    AddressTableException list = assertThrows(AddressTableException.class, () -> table.list("nope0"));
    assertEquals("ip -n " + node.namespace() + " addr show dev nope0: Device \"nope0\" does not exist.",
        list.getMessage());

    table.add("eth0", vip("192.0.2.100", 24, null));
    assertEquals(List.of(own, "192.0.2.100/24"), table.list("eth0"));
  }

  @Test
  void aLineIpCannotParseEndsItsProcessAndTheNextCallStartsAnother() {
    AddressTableException e = assertThrows(AddressTableException.class,
        () -> table.add("eth0", vip("192.0.2.100", 33, null)));
    assertTrue(e.getMessage().startsWith("ip -n " + node.namespace() + " addr add 192.0.2.100/33 dev eth0: "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("ip exited"), e.getMessage());
    assertEquals(List.of(own), table.list("eth0"));
  }

  @Test
  void namesThatCouldSplitABatchLineAreRefused() {
    AddressTableException e = assertThrows(AddressTableException.class,
        () -> table.add("eth0\naddr flush dev eth0", vip("192.0.2.100", 24, null)));
    assertEquals("not a valid interface name or label: \"eth0\naddr flush dev eth0\"", e.getMessage());
    assertEquals(List.of(own), table.list("eth0"));
  }

  /** Not an assertion: prints what one change costs, through the batch process and by forking ip. */
  @Test
  void preparingChangesNothingAndLeavesABadNameToTheChange() {
    VirtualAddress vip = vip("192.0.2.100", 24, "eth0:1");
    table.prepare("eth0", vip);
    table.prepare("eth0\naddr flush dev eth0", vip);
    assertEquals(List.of(), table.list("eth0").stream().filter(a -> a.equals("192.0.2.100/24")).toList());
    assertThrows(AddressTableException.class, () -> table.add("eth0\naddr flush dev eth0", vip));
  }

  @Test
  void reportsTheCostOfAChange() {
    int n = 200;
    VirtualAddress vip = vip("203.0.113.9", 32, null);
    table.add("eth0", vip);
    table.remove("eth0", vip);
    long[] batch = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      table.add("eth0", vip);
      table.remove("eth0", vip);
      batch[i] = (System.nanoTime() - t0) / 2;
    }
    long[] fork = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      lab.ip(node, "addr", "add", vip.cidr(), "dev", "eth0");
      lab.ip(node, "addr", "del", vip.cidr(), "dev", "eth0");
      fork[i] = (System.nanoTime() - t0) / 2;
    }
    System.out.printf("address change, batch with read-back: p50 %.3f ms, p99 %.3f ms; fork per change: "
        + "p50 %.3f ms, p99 %.3f ms (n=%d)%n", percentile(batch, 50), percentile(batch, 99), percentile(fork, 50),
        percentile(fork, 99), n);
    assertEquals(List.of(own), table.list("eth0"));
  }

  static double percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
  }

  static VirtualAddress vip(String address, int prefix, String label) {
    try {
      return new VirtualAddress((Inet4Address) InetAddress.getByName(address), prefix, Optional.empty(),
          Optional.ofNullable(label));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
