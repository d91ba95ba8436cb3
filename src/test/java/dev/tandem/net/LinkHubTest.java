package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.wire.AdvertFrame;
import dev.tandem.wire.Discard;
import dev.tandem.wire.DiscardReason;
import dev.tandem.wire.Expectation;
import dev.tandem.wire.MacAddress;
import dev.tandem.wire.ReceivedAdvert;
import dev.tandem.wire.VrrpAdvert;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an instance hears of its link from before it registered: the hub's last advert for its VRID.
 * On an in-memory segment; time is a counter.
 */
class LinkHubTest {
  private static final Inet4Address GROUP = ip("224.0.0.18");
  private static final Inet4Address PEER = ip("192.0.2.12");
  private static final Inet4Address VIP = ip("192.0.2.100");
  private static final Expectation VRID_51 = new Expectation(2, 51, VrrpAdvert.AUTH_NONE, "", 100, false, List.of(VIP));

  private final InMemoryNetwork network = new InMemoryNetwork();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Heard> heard = new CopyOnWriteArrayList<>();
  private final List<Discard> discarded = new CopyOnWriteArrayList<>();
  private final AdvertSink sink = new AdvertSink() {
    @Override
    public void accept(ReceivedAdvert advert, long receivedAtNanos) {
      heard.add(new Heard(advert.advert().priority(), receivedAtNanos));
    }

    @Override
    public void discard(Discard discard) {
      discarded.add(discard);
    }
  };
  private LinkHub hub;
  private InMemoryLink peer;

  private record Heard(int priority, long atNanos) {}

  @BeforeEach
  void segment() {
    hub = new LinkHub(network.link("eth0", new MacAddress(0x020000000011L), ip("192.0.2.11")), now::get);
    peer = network.link("eth0", new MacAddress(0x020000000012L), PEER);
    hub.start();
  }

  @Test
  void listeningCountsFromWhenTheHubGotItsLink() {
    now.addAndGet(400_000_000L);
    assertEquals(Duration.ofMillis(400), hub.listening());
  }

  @Test
  void aRegistrantGetsTheLastAdvertHeardBeforeItWithItsArrivalTime() {
    advertise(51, 120);
    now.addAndGet(1_000_000_000L);
    long lastArrival = now.get();
    advertise(51, 110);
    now.addAndGet(300_000_000L);

    hub.register(VRID_51, sink);

    assertEquals(List.of(new Heard(110, lastArrival)), heard);
    assertEquals(2L, hub.discards().get(DiscardReason.UNKNOWN_VRID), "still counted as unknown when they arrived");
  }

  @Test
  void afterTheReplayAdvertsArriveAsUsual() {
    advertise(51, 120);
    hub.register(VRID_51, sink);
    now.addAndGet(1_000_000_000L);
    advertise(51, 130);

    assertEquals(List.of(new Heard(120, 1_000_000_000L), new Heard(130, 2_000_000_000L)), heard);
  }

  @Test
  void nothingHeardForTheVridMeansNothingReplayed() {
    advertise(52, 120);
    hub.register(VRID_51, sink);
    assertEquals(List.of(), heard);
  }

  @Test
  void aRemainingAdvertThatFailsTheRegistrantsChecksIsDiscardedAsAFreshOneWouldBe() {
    advertise(51, 120);
    hub.register(new Expectation(2, 51, VrrpAdvert.AUTH_SIMPLE_TEXT, "1111", 100, false, List.of(VIP)), sink);

    assertEquals(List.of(), heard);
    assertEquals(List.of(DiscardReason.AUTH_TYPE), discarded.stream().map(Discard::reason).toList());
  }

  @Test
  void aNewRegistrantAfterAnotherHearsWhatTheLinkHeardLast() {
    hub.register(VRID_51, new AdvertSink() {
      @Override
      public void accept(ReceivedAdvert advert, long receivedAtNanos) {}

      @Override
      public void discard(Discard discard) {}
    });
    advertise(51, 120);
    hub.unregister(51);

    hub.register(VRID_51, sink);

    assertEquals(List.of(new Heard(120, 1_000_000_000L)), heard);
  }

  private void advertise(int vrid, int priority) {
    VrrpAdvert advert = new VrrpAdvert(2, vrid, priority, 100, VrrpAdvert.AUTH_NONE, "", List.of(VIP));
    peer.send(AdvertFrame.build(peer.mac(), MacAddress.ipv4Multicast(GROUP), PEER, GROUP, 1, advert, false));
  }

  private static Inet4Address ip(String literal) {
    try {
      return (Inet4Address) InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
