package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.config.ConfigDiff;
import dev.tandem.config.ControllerConfig;
import dev.tandem.config.GlobalConfig;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.JournalConfig;
import dev.tandem.config.Origin;
import dev.tandem.config.StatusConfig;
import dev.tandem.instance.InstanceLab.Seen;
import dev.tandem.net.InMemoryAddressTable;
import dev.tandem.net.InMemoryInterfaceMonitor;
import dev.tandem.net.LinkHub;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.wire.MacAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A controller on node "a" (192.0.2.11) alone on an in-memory segment under manual time, reloaded
 * while its VI_1 (priority 150, Master at 3414 ms) is Master. Master_Down_Interval for priority 160:
 * 3375 ms; an instance a reload starts waits one advert interval less (its link has been heard for
 * longer than that).
 */
class ControllerReloadTest {
  private static final String VIP_1 = "192.0.2.100/24";
  private static final String VIP_2 = "192.0.2.101/24";
  private static final Seen ADVERT = new Seen("192.0.2.11", 150);

  private final InstanceLab lab = new InstanceLab();
  private final InMemoryAddressTable addresses = new InMemoryAddressTable();
  private final LinkHub hub = new LinkHub(
      lab.network.link("eth0", new MacAddress(0x02000000000bL), TestInstances.ip("192.0.2.11")), lab.nanoTime());
  private ActorRef<Controller.Command> controller;

  @AfterEach
  void close() {
    lab.close();
  }

  @Test
  void theSameSettingsFromOtherLinesLeaveTheMasterAndItsAdvertRhythmAlone() {
    startMaster(vi1(150, "test.conf", 3));
    lab.quietFor(400);
    ConfigDiff diff = reload(vi1(150, "moved.conf", 17));
    assertEquals(List.of("VI_1"), diff.unchanged());

    lab.quietFor(599);
    lab.advertAfter(1, ADVERT);
    lab.quietFor(999);
    lab.advertAfter(1, ADVERT);
    assertEquals(VrrpState.MASTER, status("VI_1").state());
    assertEquals(List.of(VIP_1), addresses.list("eth0"));
    assertEquals(List.of("started", "startup", "master-down"), InstanceLab.kinds(lab.events("a", 3)));
  }

  @Test
  void aChangedInstanceReleasesAndRestartsWithItsNewSettings() {
    startMaster(vi1(150, "test.conf", 3));
    lab.quietFor(400);
    ConfigDiff diff = reload(vi1(160, "test.conf", 3));
    assertEquals(List.of("VI_1"), diff.restarted().stream().map(InstanceConfig::name).toList());
    lab.wire.expectMessage(new Seen("192.0.2.11", 0));
    lab.awaitAddresses("a", addresses, List.of());

    awaitState("VI_1", VrrpState.BACKUP);
    // Master_Down_Interval for 160 (3375 ms) less the advert interval: the link has been heard all along
    lab.quietFor(2374);
    lab.advertAfter(1, new Seen("192.0.2.11", 160));
    lab.awaitAddresses("a", addresses, List.of(VIP_1));
    List<InstanceEvent> events = lab.events("a", 8);
    assertEquals(List.of("started", "startup", "master-down", "shutdown", "stopped", "started", "startup",
        "master-down"), InstanceLab.kinds(events));
    assertEquals("restarted by reload: settings changed", ((InstanceStopped) events.get(4)).cause());
  }

  @Test
  void aRemovedInstanceReleasesItsVipAndTheOthersKeepTheirRhythm() {
    InstanceConfig vi1 = vi1(150, "test.conf", 3);
    startMaster(vi1, TestInstances.instance("VI_2", 52, 150, "192.0.2.101", new Origin("test.conf", 9)));
    lab.wire.expectMessage(ADVERT);
    lab.awaitAddresses("a", addresses, List.of(VIP_1, VIP_2));
    lab.quietFor(400);
    ConfigDiff diff = reload(vi1);
    assertEquals("1 unchanged, 0 restarted, 0 added, 1 removed", diff.summary());
    lab.wire.expectMessage(new Seen("192.0.2.11", 0));
    lab.awaitAddresses("a", addresses, List.of(VIP_1));

    lab.quietFor(599);
    lab.advertAfter(1, ADVERT);
    lab.quietFor(999);
    lab.advertAfter(1, ADVERT);
  }

  @Test
  void aNewInstanceStartsInBackup() {
    startMaster(vi1(150, "test.conf", 3));
    InstanceConfig vi2 = TestInstances.instance("VI_2", 52, 160, "192.0.2.101", new Origin("test.conf", 9));
    ConfigDiff diff = reload(vi1(150, "test.conf", 3), vi2);
    assertEquals("1 unchanged, 0 restarted, 1 added, 0 removed", diff.summary());
    awaitState("VI_2", VrrpState.BACKUP);
    lab.quietFor(999);
    lab.advertAfter(1, ADVERT);
    lab.quietFor(999);
    lab.advertAfter(1, ADVERT);
    // VI_2's link had been heard for seconds, with nothing for VRID 52: its Master_Down_Interval
    // (3375 ms) less one advert interval, the most that time heard before the start counts for
    lab.quietFor(374);
    lab.advertAfter(1, new Seen("192.0.2.11", 160));
    lab.awaitAddresses("a", addresses, List.of(VIP_1, VIP_2));
  }

  @Test
  void aChangeOfNodeIdIsRefusedAndNothingStops() {
    startMaster(vi1(150, "test.conf", 3));
    TestProbe<ConfigDiff> reply = lab.kit.createTestProbe();
    ControllerConfig other = config(global("b"), vi1(160, "test.conf", 3));
    controller.tell(new Controller.Reload(other, Map.of("eth0", hub), reply.getRef()));
    assertEquals(1, reply.receiveMessage().refusals().size());
    lab.quietFor(999);
    lab.advertAfter(1, ADVERT);
    assertEquals(List.of(VIP_1), addresses.list("eth0"));
  }

  /** Starts a controller with these instances and waits until they are Master (3414 ms) and VI_1 advertises. */
  private void startMaster(InstanceConfig... instances) {
    hub.start();
    controller = lab.kit.spawn(Controller.create(config(instances), Clock.systemUTC(), lab.nanoTime()));
    InMemoryInterfaceMonitor interfaces = new InMemoryInterfaceMonitor();
    interfaces.set("eth0", true);
    controller.tell(new Controller.Start(Map.of("eth0", hub), addresses, interfaces));
    for (InstanceConfig instance : instances) {
      awaitState(instance.name(), VrrpState.BACKUP);
    }
    lab.quietFor(3413);
    lab.advertAfter(1, ADVERT);
    awaitState("VI_1", VrrpState.MASTER);
  }

  private ConfigDiff reload(InstanceConfig... instances) {
    TestProbe<ConfigDiff> reply = lab.kit.createTestProbe();
    controller.tell(new Controller.Reload(config(instances), Map.of("eth0", hub), reply.getRef()));
    return reply.receiveMessage();
  }

  private InstanceStatus status(String instance) {
    TestProbe<InstanceStatus> probe = lab.kit.createTestProbe();
    controller.tell(new Controller.GetInstanceStatus(instance, probe.getRef()));
    return probe.receiveMessage();
  }

  private void awaitState(String instance, VrrpState state) {
    lab.wire.awaitAssert(Duration.ofSeconds(3), () -> {
      assertEquals(state, status(instance).state());
      return null;
    });
  }

  private static InstanceConfig vi1(int priority, String file, int line) {
    return TestInstances.instance("VI_1", 51, priority, "192.0.2.100", new Origin(file, line));
  }

  private static ControllerConfig config(InstanceConfig... instances) {
    return config(global("a"), instances);
  }

  private static ControllerConfig config(GlobalConfig global, InstanceConfig... instances) {
    return new ControllerConfig(global, new JournalConfig(Path.of("journal"), Optional.empty()), Optional.empty(),
        new StatusConfig(false, TestInstances.ip("127.0.0.1"), 8870, Path.of("tandem-status.json")), Map.of(),
        List.of(instances), List.of());
  }

  private static GlobalConfig global(String node) {
    return new GlobalConfig(node, node, List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(30), false,
        false, Optional.empty(), false, 0);
  }
}
