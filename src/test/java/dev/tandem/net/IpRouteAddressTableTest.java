package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.config.VirtualAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against iproute2 in a network namespace of the test's own, on a veth pair that lives there. */
class IpRouteAddressTableTest {
  private NamespaceLab lab;
  private String ns;
  private IpRouteAddressTable table;

  @BeforeEach
  void namespace() {
    NamespaceLab.requireNamespaces();
    lab = new NamespaceLab();
    ns = lab.namespace("addr");
    lab.ip(ns, "link", "add", "d0", "type", "veth", "peer", "name", "d1");
    lab.ip(ns, "addr", "add", "192.0.2.1/24", "dev", "d0");
    table = new IpRouteAddressTable(List.of("ip", "-n", ns));
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
    VirtualAddress vip = vip("192.0.2.100", 24, "d0:1");
    table.add("d0", vip);
    assertEquals(List.of("192.0.2.1/24", "192.0.2.100/24"), table.list("d0"));
    assertTrue(lab.ip(ns, "-4", "addr", "show", "dev", "d0").contains("192.0.2.100/24 scope global secondary d0:1"));

    table.remove("d0", vip);
    assertEquals(List.of("192.0.2.1/24"), table.list("d0"));
  }

  @Test
  void addingAPresentAddressAndRemovingAnAbsentOneAreNoErrors() {
    VirtualAddress vip = vip("198.51.100.7", 32, null);
    table.add("d0", vip);
    table.add("d0", vip);
    assertEquals(List.of("192.0.2.1/24", "198.51.100.7/32"), table.list("d0"));
    table.remove("d0", vip);
    table.remove("d0", vip);
    assertEquals(List.of("192.0.2.1/24"), table.list("d0"));
  }

  @Test
  void removeAllTakesOffLeftoversOnly() {
    table.add("d0", vip("192.0.2.100", 24, null));
    table.add("d0", vip("192.0.2.101", 24, null));
    table.removeAll("d0", List.of(vip("192.0.2.100", 24, null), vip("192.0.2.101", 24, null),
        vip("192.0.2.102", 24, null)));
    assertEquals(List.of("192.0.2.1/24"), table.list("d0"));
  }

  @Test
  void aMissingDeviceIsAClearErrorAndTheTableCarriesOn() {
    AddressTableException add = assertThrows(AddressTableException.class,
        () -> table.add("nope0", vip("192.0.2.100", 24, null)));
    assertEquals("ip -n " + ns + " addr add 192.0.2.100/24 dev nope0: Cannot find device \"nope0\"; "
        + "Device \"nope0\" does not exist.", add.getMessage());
    AddressTableException list = assertThrows(AddressTableException.class, () -> table.list("nope0"));
    assertEquals("ip -n " + ns + " addr show dev nope0: Device \"nope0\" does not exist.", list.getMessage());

    table.add("d0", vip("192.0.2.100", 24, null));
    assertEquals(List.of("192.0.2.1/24", "192.0.2.100/24"), table.list("d0"));
  }

  @Test
  void aLineIpCannotParseEndsItsProcessAndTheNextCallStartsAnother() {
    AddressTableException e = assertThrows(AddressTableException.class,
        () -> table.add("d0", vip("192.0.2.100", 33, null)));
    assertTrue(e.getMessage().startsWith("ip -n " + ns + " addr add 192.0.2.100/33 dev d0: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("ip exited"), e.getMessage());
    assertEquals(List.of("192.0.2.1/24"), table.list("d0"));
  }

  @Test
  void namesThatCouldSplitABatchLineAreRefused() {
    AddressTableException e = assertThrows(AddressTableException.class,
        () -> table.add("d0\naddr flush dev d0", vip("192.0.2.100", 24, null)));
    assertEquals("not a valid interface name or label: \"d0\naddr flush dev d0\"", e.getMessage());
    assertEquals(List.of("192.0.2.1/24"), table.list("d0"));
  }

  /** Not an assertion: prints what one change costs, through the batch process and by forking ip. */
  @Test
  void reportsTheCostOfAChange() {
    int n = 200;
    VirtualAddress vip = vip("203.0.113.9", 32, null);
    table.add("d0", vip);
    table.remove("d0", vip);
    long[] batch = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      table.add("d0", vip);
      table.remove("d0", vip);
      batch[i] = (System.nanoTime() - t0) / 2;
    }
    long[] fork = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      lab.ip(ns, "addr", "add", vip.cidr(), "dev", "d0");
      lab.ip(ns, "addr", "del", vip.cidr(), "dev", "d0");
      fork[i] = (System.nanoTime() - t0) / 2;
    }
    System.out.printf("address change, batch with read-back: p50 %.3f ms, p99 %.3f ms; fork per change: "
        + "p50 %.3f ms, p99 %.3f ms (n=%d)%n", percentile(batch, 50), percentile(batch, 99), percentile(fork, 50),
        percentile(fork, 99), n);
    assertEquals(List.of("192.0.2.1/24"), table.list("d0"));
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
