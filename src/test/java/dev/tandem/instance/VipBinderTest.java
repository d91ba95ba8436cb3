package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.config.GarpConfig;
import dev.tandem.config.InstanceConfig;
import dev.tandem.net.InMemoryAddressTable;
import dev.tandem.net.InMemoryNetwork;
import dev.tandem.net.LinkHub;
import dev.tandem.wire.GratuitousArp;
import dev.tandem.wire.MacAddress;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** keepalived's gratuitous ARP schedule: a burst on takeover, another after garp_master_delay, then refreshes. */
class VipBinderTest {
  private final ActorTestKit kit = ActorTestKit.create(ManualTime.config());
  private final ManualTime time = ManualTime.get(kit.system());
  private final TestProbe<String> garps = kit.createTestProbe();
  private final InMemoryAddressTable addresses = new InMemoryAddressTable();

  @AfterEach
  void close() {
    kit.shutdownTestKit();
  }

  private ActorRef<VipBinder.Command> binder(GarpConfig garp) {
    InstanceConfig config = TestInstances.vi1(100, true, garp);
    InMemoryNetwork network = new InMemoryNetwork();
    network.tap(frame -> GratuitousArp.parseClaim(frame)
        .ifPresent(claim -> garps.getRef().tell(claim.address().getHostAddress())));
    LinkHub hub = new LinkHub(network.link("eth0", new MacAddress(0x02000000000BL), TestInstances.ip("192.0.2.11")),
        System::nanoTime);
    return kit.spawn(VipBinder.create(config, hub, addresses));
  }

  @Test
  void takeBindsTheAddressThenBurstsAndRepeatsAfterTheDelay() {
    ActorRef<VipBinder.Command> binder = binder(new GarpConfig(Duration.ofSeconds(5), 5, Duration.ZERO, 1));
    binder.tell(new VipBinder.Take());
    assertEquals(5, garps.receiveSeveralMessages(5).size());
    assertEquals(List.of("192.0.2.100/24"), addresses.list("eth0"));
    time.expectNoMessageFor(Duration.ofMillis(4999), garps);
    time.timePasses(Duration.ofMillis(1));
    assertEquals(List.of("192.0.2.100", "192.0.2.100", "192.0.2.100", "192.0.2.100", "192.0.2.100"),
        garps.receiveSeveralMessages(5));
    time.expectNoMessageFor(Duration.ofSeconds(60), garps);
  }

  @Test
  void refreshRepeatsWhileMasterAndStopsOnRelease() {
    ActorRef<VipBinder.Command> binder = binder(new GarpConfig(Duration.ZERO, 1, Duration.ofSeconds(10), 2));
    binder.tell(new VipBinder.Take());
    garps.receiveSeveralMessages(1);
    time.expectNoMessageFor(Duration.ofMillis(9999), garps);
    time.timePasses(Duration.ofMillis(1));
    garps.receiveSeveralMessages(2);
    time.timePasses(Duration.ofSeconds(10));
    garps.receiveSeveralMessages(2);
    binder.tell(new VipBinder.Release(Duration.ZERO));
    TestProbe<Done> drained = kit.createTestProbe();
    binder.tell(new Drain(drained.getRef()));
    drained.receiveMessage();
    assertEquals(List.of(), addresses.list("eth0"));
    time.expectNoMessageFor(Duration.ofSeconds(30), garps);
  }

  @Test
  void releaseAfterAHandoverKeepsTheAddressForTheOverlapAndTheDrainWaitsForIt() {
    ActorRef<VipBinder.Command> binder = binder(new GarpConfig(Duration.ofSeconds(5), 1, Duration.ofSeconds(10), 1));
    binder.tell(new VipBinder.Take());
    garps.receiveSeveralMessages(1);
    binder.tell(new VipBinder.Release(Duration.ofMillis(50)));
    TestProbe<Done> drained = kit.createTestProbe();
    binder.tell(new Drain(drained.getRef()));
    time.expectNoMessageFor(Duration.ofMillis(49), drained);
    assertEquals(List.of("192.0.2.100/24"), addresses.list("eth0"), "still answering for the address");
    time.timePasses(Duration.ofMillis(1));
    drained.receiveMessage();
    assertEquals(List.of(), addresses.list("eth0"));
    time.expectNoMessageFor(Duration.ofSeconds(30), garps);
  }

  @Test
  void takeDuringAPendingReleaseKeepsTheAddress() {
    ActorRef<VipBinder.Command> binder = binder(new GarpConfig(Duration.ZERO, 1, Duration.ZERO, 1));
    binder.tell(new VipBinder.Take());
    garps.receiveSeveralMessages(1);
    binder.tell(new VipBinder.Release(Duration.ofMillis(50)));
    binder.tell(new VipBinder.Take());
    garps.receiveSeveralMessages(1);
    time.timePasses(Duration.ofSeconds(1));
    TestProbe<Done> drained = kit.createTestProbe();
    binder.tell(new Drain(drained.getRef()));
    drained.receiveMessage();
    assertEquals(List.of("192.0.2.100/24"), addresses.list("eth0"));
  }
}
