package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.wire.ArpClaim;
import dev.tandem.wire.ArpFrame;
import dev.tandem.wire.GratuitousArp;
import dev.tandem.wire.MacAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On an in-memory segment, whose links answer ARP for their address as a kernel does; time is a counter. */
class ArpResolverTest {
  private static final MacAddress PEER_MAC = new MacAddress(0x020000000002L);
  private final InMemoryNetwork network = new InMemoryNetwork();
  private final AtomicLong now = new AtomicLong();
  private final List<ArpClaim> asked = new CopyOnWriteArrayList<>();
  private InMemoryLink ours;
  private ArpResolver resolver;

  @BeforeEach
  void segment() {
    ours = network.link("eth0", new MacAddress(0x020000000001L), ip("192.0.2.1"));
    network.link("eth0", PEER_MAC, ip("192.0.2.2"));
    LinkHub hub = new LinkHub(ours, now::get);
    hub.start();
    resolver = hub.arp();
    network.tap(frame -> GratuitousArp.parseClaim(frame).filter(c -> !c.reply()).ifPresent(asked::add));
  }

  @Test
  void aPeerThatAnswersIsKnownAtOnceAndNotAskedAgainUntilRefreshIsDue() {
    assertEquals(Optional.of(PEER_MAC), resolver.lookup(ip("192.0.2.2")));
    assertEquals(List.of(new ArpClaim(ours.mac(), ip("192.0.2.1"), ip("192.0.2.2"), false)), asked);

    now.addAndGet(ArpResolver.REFRESH.toNanos() - 1);
    assertEquals(Optional.of(PEER_MAC), resolver.lookup(ip("192.0.2.2")));
    assertEquals(1, asked.size());

    now.addAndGet(1);
    assertEquals(Optional.of(PEER_MAC), resolver.lookup(ip("192.0.2.2")));
    assertEquals(2, asked.size(), "asked again once the entry is REFRESH old");
  }

  @Test
  void aSilentPeerIsAskedOncePerRetryInterval() {
    Inet4Address silent = ip("192.0.2.99");
    assertEquals(Optional.empty(), resolver.lookup(silent));
    now.addAndGet(ArpResolver.RETRY.toNanos() - 1);
    assertEquals(Optional.empty(), resolver.lookup(silent));
    assertEquals(1, asked.size());
    now.addAndGet(1);
    assertEquals(Optional.empty(), resolver.lookup(silent));
    assertEquals(2, asked.size());
  }

  @Test
  void aPeerThatStopsAnsweringKeepsItsLastMacAndIsAskedEveryRetryInterval() {
    InMemoryLink peer = network.link("eth0", new MacAddress(0x020000000003L), ip("192.0.2.3"));
    assertEquals(Optional.of(peer.mac()), resolver.lookup(ip("192.0.2.3")));
    peer.cut(true);
    now.addAndGet(ArpResolver.REFRESH.toNanos());
    assertEquals(Optional.of(peer.mac()), resolver.lookup(ip("192.0.2.3")));
    now.addAndGet(ArpResolver.RETRY.toNanos());
    assertEquals(Optional.of(peer.mac()), resolver.lookup(ip("192.0.2.3")));
    assertEquals(3, asked.size());
  }

  @Test
  void arpAPeerSendsUnaskedUpdatesItsMac() {
    Inet4Address silent = ip("192.0.2.99");
    resolver.lookup(silent);
    MacAddress moved = new MacAddress(0x020000000099L);
    InMemoryLink newcomer = network.link("eth0", moved, silent);
    newcomer.send(ArpFrame.request(moved, silent, ip("192.0.2.1")));
    assertEquals(Optional.of(moved), resolver.lookup(silent));
  }

  @Test
  void resolveGivesUpAfterItsTimeout() {
    LinkHub hub = new LinkHub(network.link("eth0", new MacAddress(0x020000000004L), ip("192.0.2.4")), System::nanoTime);
    hub.start();
    ArpResolver realTime = hub.arp();
    assertEquals(Optional.empty(), realTime.resolve(ip("192.0.2.99"), Duration.ofMillis(20)));
    assertEquals(Optional.of(PEER_MAC), realTime.resolve(ip("192.0.2.2"), Duration.ofMillis(20)));
  }

  static Inet4Address ip(String dotted) {
    try {
      return (Inet4Address) InetAddress.getByName(dotted);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
