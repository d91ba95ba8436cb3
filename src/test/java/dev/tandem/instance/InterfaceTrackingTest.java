package dev.tandem.instance;

import static dev.tandem.instance.InstanceLab.describe;
import static dev.tandem.instance.InstanceLab.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.config.TrackInterface;
import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.instance.InstanceLab.Seen;
import dev.tandem.vrrp.VrrpState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Interfaces going down and up under manual time, set by hand on each node's in-memory monitor:
 * node a (150, 192.0.2.11) is elected Master over b (100, 192.0.2.12), then loses a link.
 */
class InterfaceTrackingTest {
  private final InstanceLab lab = new InstanceLab();

  @AfterEach
  void close() {
    lab.close();
  }

  private Node[] electA(List<TrackInterface> interfaces, boolean dontTrackPrimary) {
    Node a = lab.start("a", 11, TestInstances.vi1TrackingInterfaces(150, interfaces, dontTrackPrimary));
    Node b = lab.start("b", 12, TestInstances.vi1(100, true));
    lab.elect(a, b);
    return new Node[] {a, b};
  }

  @Test
  void ownInterfaceDownTakesTheMasterToFaultWithAPriorityZeroAdvertAndUpToBackupThenTheRfc() {
    Node[] nodes = electA(List.of(), false);
    Node a = nodes[0];
    Node b = nodes[1];
    a.interfaces().set("eth0", false);
    lab.awaitAdvert(new Seen("192.0.2.11", 0));
    lab.awaitState(a, VrrpState.FAULT);
    lab.awaitAddresses(a, List.of());
    // B heard the release: it takes over after its Skew_Time (609 ms); A stays silent in Fault.
    lab.advertAfter(700, new Seen("192.0.2.12", 100));
    lab.awaitState(b, VrrpState.MASTER);
    for (int i = 0; i < 3; i++) {
      lab.advertAfter(1000, new Seen("192.0.2.12", 100));
    }

    a.interfaces().set("eth0", true);
    lab.awaitState(a, VrrpState.BACKUP);
    // Back in Backup, A (150, preempt) discards B's adverts and takes over at its Master_Down_Interval.
    lab.time.timePasses(Duration.ofMillis(3500));
    lab.awaitAdvert(new Seen("192.0.2.11", 150));
    lab.awaitState(a, VrrpState.MASTER);
    lab.awaitState(b, VrrpState.BACKUP);

    List<InstanceEvent> events = lab.events("a", 8);
    assertEquals(List.of("started", "startup", "master-down", "health-changed", "fault", "health-changed",
        "fault-cleared", "master-down"), kinds(events));
    assertEquals(List.of("interface eth0", "false", "link down", "150", "150", "[interface eth0]"),
        describe((HealthChanged) events.get(3)));
    StateChanged fault = (StateChanged) events.get(4);
    assertEquals(VrrpState.MASTER, fault.from());
    assertEquals("Netlink reports eth0 down", fault.cause().detail());
    assertEquals(List.of("interface eth0", "true", "link up", "150", "150", "[]"),
        describe((HealthChanged) events.get(5)));
    assertEquals(VrrpState.BACKUP, ((StateChanged) events.get(6)).to());
  }

  @Test
  void dontTrackPrimaryIgnoresTheOwnInterface() {
    assertLinkDownChangesNothing(electA(List.of(), true)[0], "eth0");
  }

  @Test
  void trackedInterfaceWithWeightLowersThePrioritySoThePeerPreemptsAndUpRestoresIt() {
    Node[] nodes = electA(List.of(new TrackInterface("eth1", -60)), false);
    Node a = nodes[0];
    Node b = nodes[1];
    a.interfaces().set("eth1", false);
    lab.awaitPreemptedAfterLowering(a, b, 90);

    a.interfaces().set("eth1", true);
    lab.awaitPriority(a, 150);
    lab.time.timePasses(Duration.ofMillis(4000));
    lab.awaitState(a, VrrpState.MASTER);

    List<InstanceEvent> events = lab.events("a", 7);
    assertEquals(List.of("started", "startup", "master-down", "health-changed", "preempted-by", "health-changed",
        "master-down"), kinds(events));
    assertEquals(List.of("interface eth1", "false", "link down", "150", "90", "[]"),
        describe((HealthChanged) events.get(3)));
    assertEquals(List.of("interface eth1", "true", "link up", "90", "150", "[]"),
        describe((HealthChanged) events.get(5)));
  }

  @Test
  void aReportForAnUntrackedInterfaceChangesNothing() {
    assertLinkDownChangesNothing(electA(List.of(), false)[0], "eth9");
  }

  /** Master {@code a} keeps advertising at 150 and journals nothing after {@code name} goes down. */
  private void assertLinkDownChangesNothing(Node a, String name) {
    a.interfaces().set(name, false);
    lab.advertAfter(1000, new Seen("192.0.2.11", 150));
    assertEquals(VrrpState.MASTER, lab.status(a).state());
    assertEquals(List.of("started", "startup", "master-down"), kinds(lab.events("a", 3)));
  }
}
