package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import dev.tandem.config.VirtualAddress;
import dev.tandem.lab.Lab;
import dev.tandem.lab.LabNode;
import dev.tandem.lab.LabRequirements;
import dev.tandem.testsupport.Percentiles;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the kernel in the namespace of a lab node of the test's own ({@code tnd} + random), on the
 * node's eth0 (192.0.2.11/24). The table is opened on a thread that first entered that namespace,
 * and used from the test's thread, which stays in the root namespace: the socket carries it.
 */
class NetlinkAddressTableTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEVICE = LabNode.INTERFACE;

  /** setns(2) for the opening thread only. */
  private static final class Namespaces {
    static {
      Native.register("c");
    }

    static final int O_RDONLY_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    static native int open(String path, int flags) throws LastErrorException;

    static native int setns(int fd, int type) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
  }

  private Lab lab;
  private LabNode node;
  private String own;
  private NetlinkAddressTable table;

  @BeforeEach
  void namespace() throws Exception {
    LabRequirements.requireLab();
    lab = Lab.create("host");
    node = lab.node("host");
    own = node.address() + "/" + LabNode.PREFIX_LENGTH;
    table = openIn(node.namespace());
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

  /** A fresh thread enters the namespace and opens the table there; the thread ends, the socket stays. */
  private static NetlinkAddressTable openIn(String namespace)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<NetlinkAddressTable> opened = new CompletableFuture<>();
    Thread opener = new Thread(() -> {
      try {
        int fd = Namespaces.open("/var/run/netns/" + namespace, Namespaces.O_RDONLY_CLOEXEC);
        try {
          Namespaces.setns(fd, Namespaces.CLONE_NEWNET);
        } finally {
          Namespaces.close(fd);
        }
        opened.complete(new NetlinkAddressTable());
      } catch (RuntimeException e) {
        opened.completeExceptionally(e);
      }
    }, "netns-" + namespace);
    opener.start();
    return opened.get(10, TimeUnit.SECONDS);
  }

  @Test
  void addsListsAndRemovesWithLabel() {
    VirtualAddress vip = vip("192.0.2.100", 24, "eth0:1");
    table.add(DEVICE, vip);
    assertEquals(List.of(own, "192.0.2.100/24"), table.list(DEVICE));
    assertEquals("eth0:1", addressInfo("192.0.2.100").path("label").asText());

    table.remove(DEVICE, vip);
    assertEquals(List.of(own), table.list(DEVICE));
  }

  @Test
  void addingAPresentAddressAndRemovingAnAbsentOneAreNoErrors() {
    VirtualAddress vip = vip("198.51.100.7", 32, null);
    table.add(DEVICE, vip);
    table.add(DEVICE, vip);
    assertEquals(List.of(own, "198.51.100.7/32"), table.list(DEVICE));
    table.remove(DEVICE, vip);
    table.remove(DEVICE, vip);
    assertEquals(List.of(own), table.list(DEVICE));
  }

  /** Field by field as `ip -j addr` shows them: label, scope, secondary flag, lifetimes, no broadcast. */
  @Test
  void theAddressIsTheOneIpAddrAddMakes() {
    for (VirtualAddress vip : List.of(vip("192.0.2.100", 24, "eth0:1"), vip("203.0.113.9", 32, null))) {
      table.add(DEVICE, vip);
      JsonNode ours = addressInfo(vip.address().getHostAddress());
      table.remove(DEVICE, vip);
      List<String> add = new ArrayList<>(List.of("addr", "add", vip.cidr(), "dev", DEVICE));
      vip.label().ifPresent(label -> add.addAll(List.of("label", label)));
      lab.ip(node, add.toArray(String[]::new));
      assertEquals(addressInfo(vip.address().getHostAddress()), ours, vip.cidr());
      lab.ip(node, "addr", "del", vip.cidr(), "dev", DEVICE);
    }
  }

  @Test
  void aMissingDeviceIsAClearErrorAndTheTableCarriesOn() {
    AddressTableException add = assertThrows(AddressTableException.class,
        () -> table.add("eth9", vip("192.0.2.100", 24, null)));
    assertEquals("cannot add 192.0.2.100/24 to eth9: no such device eth9", add.getMessage());
    AddressTableException remove = assertThrows(AddressTableException.class,
        () -> table.remove("eth9", vip("192.0.2.100", 24, null)));
    assertEquals("cannot remove 192.0.2.100/24 from eth9: no such device eth9", remove.getMessage());
    AddressTableException list = assertThrows(AddressTableException.class, () -> table.list("eth9"));
    assertEquals("cannot list the addresses of eth9: no such device eth9", list.getMessage());

    table.add(DEVICE, vip("192.0.2.100", 24, null));
    assertEquals(List.of(own, "192.0.2.100/24"), table.list(DEVICE));
  }

  @Test
  void whatTheKernelRefusesIsReportedWithItsReason() {
    AddressTableException e = assertThrows(AddressTableException.class,
        () -> table.add(DEVICE, vip("192.0.2.100", 33, null)));
    assertEquals("cannot add 192.0.2.100/33 to eth0: Invalid argument", e.getMessage());
    assertEquals(List.of(own), table.list(DEVICE));
  }

  @Test
  void namesTheKernelCannotTakeAreRefused() {
    AddressTableException device = assertThrows(AddressTableException.class,
        () -> table.add("eth0\naddr flush dev eth0", vip("192.0.2.100", 24, null)));
    assertEquals("not a valid interface name or label: \"eth0\naddr flush dev eth0\"", device.getMessage());
    AddressTableException label = assertThrows(AddressTableException.class,
        () -> table.add(DEVICE, vip("192.0.2.100", 24, "eth0:a-label-too-long")));
    assertEquals("not a valid interface name or label: \"eth0:a-label-too-long\"", label.getMessage());
    assertEquals(List.of(own), table.list(DEVICE));
  }

  @Test
  void preparingChangesNothingAndLeavesABadNameToTheChange() {
    VirtualAddress vip = vip("192.0.2.100", 24, "eth0:1");
    table.prepare(DEVICE, vip);
    table.prepare("eth9", vip);
    table.prepare("eth0\naddr flush dev eth0", vip);
    assertEquals(List.of(own), table.list(DEVICE));
    assertThrows(AddressTableException.class, () -> table.add("eth9", vip));
  }

  @Test
  void aClosedTableSaysSo() {
    table.close();
    table.close();
    AddressTableException e = assertThrows(AddressTableException.class, () -> table.list(DEVICE));
    assertEquals("the netlink address table is closed", e.getMessage());
  }

  /** Not an assertion: prints what one change costs, through netlink and by forking ip. */
  @Test
  void reportsTheCostOfAChange() {
    int n = 200;
    VirtualAddress vip = vip("203.0.113.9", 32, null);
    table.prepare(DEVICE, vip);
    long[] netlink = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      table.add(DEVICE, vip);
      table.remove(DEVICE, vip);
      netlink[i] = (System.nanoTime() - t0) / 2;
    }
    long[] fork = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      lab.ip(node, "addr", "add", vip.cidr(), "dev", DEVICE);
      lab.ip(node, "addr", "del", vip.cidr(), "dev", DEVICE);
      fork[i] = (System.nanoTime() - t0) / 2;
    }
    System.out.printf("address change, netlink: p50 %.3f ms, p99 %.3f ms; fork per change: p50 %.3f ms, "
        + "p99 %.3f ms (n=%d)%n", Percentiles.millis(netlink, 50), Percentiles.millis(netlink, 99),
        Percentiles.millis(fork, 50), Percentiles.millis(fork, 99), n);
    assertEquals(List.of(own), table.list(DEVICE));
  }

  /** The address's entry in `ip -j addr show dev eth0`. */
  private JsonNode addressInfo(String address) {
    try {
      for (JsonNode link : JSON.readTree(lab.ip(node, "-j", "addr", "show", "dev", DEVICE))) {
        for (JsonNode info : link.path("addr_info")) {
          if (address.equals(info.path("local").asText())) {
            return info;
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read ip's JSON: " + e.getMessage(), e);
    }
    throw new AssertionError(address + " is not on " + DEVICE);
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
