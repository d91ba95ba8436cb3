package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.config.InstanceConfig;
import dev.tandem.net.InMemoryLink;
import dev.tandem.net.InMemoryNetwork;
import dev.tandem.net.LinkHub;
import dev.tandem.net.VrrpGroup;
import dev.tandem.wire.DecodedFrame;
import dev.tandem.wire.FrameDecoder;
import dev.tandem.wire.GratuitousArp;
import dev.tandem.wire.MacAddress;
import dev.tandem.wire.ReceivedAdvert;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where adverts go: the group, or each unicast peer whose MAC ARP found; on an in-memory segment. */
class AdvertSenderTest {
  /** One frame on the wire, as far as this test cares. */
  record Wire(String kind, MacAddress destinationMac, Inet4Address destination) {}

  private static final MacAddress OURS = new MacAddress(0x020000000001L);
  private static final MacAddress PEER = new MacAddress(0x020000000002L);

  private final ActorTestKit kit = ActorTestKit.create();
  private final InMemoryNetwork network = new InMemoryNetwork();
  private final TestProbe<Wire> wire = kit.createTestProbe();
  private final AtomicLong now = new AtomicLong();

  @AfterEach
  void close() {
    kit.shutdownTestKit();
  }

  @Test
  void withoutUnicastPeersAdvertsGoToTheVrrpGroup() {
    sender(List.of()).tell(new AdvertSender.Send(100));
    wire.expectMessage(new Wire("advert", MacAddress.ipv4Multicast(VrrpGroup.ADDRESS), VrrpGroup.ADDRESS));
    wire.expectNoMessage();
  }

  @Test
  void thePeersAreAskedForAtStartSoTheFirstAdvertReachesEveryResolvedOneAndAnUnresolvedOneIsSkipped() {
    Inet4Address peer = TestInstances.ip("192.0.2.2");
    Inet4Address silent = TestInstances.ip("192.0.2.99");
    ActorRef<AdvertSender.Command> sender = sender(List.of(peer, silent));
    wire.expectMessage(new Wire("arp request", MacAddress.BROADCAST, peer));
    wire.expectMessage(new Wire("arp reply", OURS, TestInstances.ip("192.0.2.1")));
    wire.expectMessage(new Wire("arp request", MacAddress.BROADCAST, silent));
    wire.expectNoMessage();

    sender.tell(new AdvertSender.Send(100));
    wire.expectMessage(new Wire("advert", PEER, peer));
    wire.expectNoMessage();

    sender.tell(new AdvertSender.Send(100));
    wire.expectMessage(new Wire("advert", PEER, peer));
    wire.expectNoMessage();
  }

  private ActorRef<AdvertSender.Command> sender(List<Inet4Address> peers) {
    InMemoryLink ours = network.link("eth0", OURS, TestInstances.ip("192.0.2.1"));
    network.link("eth0", PEER, TestInstances.ip("192.0.2.2"));
    network.tap(frame -> wire.getRef().tell(describe(frame)));
    LinkHub hub = new LinkHub(ours, now::get);
    hub.start();
    InstanceConfig base = TestInstances.vi1(100, true);
    InstanceConfig config = new InstanceConfig(base.name(), base.initialState(), base.interfaceName(),
        base.virtualRouterId(), base.priority(), base.advertInterval(), base.version(), base.preempt(),
        base.preemptDelay(), base.authType(), base.authPassword(), base.virtualAddresses(), base.checksumMode(),
        base.garp(), Optional.empty(), peers, base.trackScripts(), base.trackInterfaces(), base.dontTrackPrimary(),
        base.notifications(),
        base.origin());
    return kit.spawn(AdvertSender.create(config, hub));
  }

  private static Wire describe(byte[] frame) {
    MacAddress destinationMac = MacAddress.of(frame, 0);
    if (FrameDecoder.decode(frame) instanceof DecodedFrame.Advert a) {
      ReceivedAdvert advert = a.advert();
      return new Wire("advert", destinationMac, advert.destination());
    }
    return GratuitousArp.parseClaim(frame)
        .map(c -> new Wire(c.reply() ? "arp reply" : "arp request", destinationMac, c.target()))
        .orElseThrow();
  }
}
