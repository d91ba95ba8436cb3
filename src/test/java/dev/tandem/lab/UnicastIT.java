package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VRRP where multicast does not pass (clouds): {@code unicast_src_ip} / {@code unicast_peer}, adverts
 * sent from each node's own address to the other's. A tandem pair, and tandem with keepalived 2.2.7
 * both ways round: election, every advert addressed to the peer's IP and MAC (never 224.0.0.18),
 * takeover of a killed master after Master_Down_Interval, preemption back, and no advert refused
 * or skipped in either log.
 *
 * <p>It also counts the ICMP protocol-unreachables each receiving host sends back for the unicast
 * adverts addressed to it: keepalived holds a raw socket for IP protocol 112, so its host never
 * sends one; tandem reads through pcap and has no such socket (see {@code PcapLink}), which the
 * output reports and this test does not judge.
 */
class UnicastIT extends TwoNodeLab {
  private static final String NO_PEER_MAC = "no MAC address yet for unicast peer";

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of(Daemon.TANDEM, Daemon.TANDEM, LabInstance.v2("VI_1", 81, 150, "192.0.2.131/24")),
        Arguments.of(Daemon.KEEPALIVED, Daemon.TANDEM, LabInstance.v2("VI_1", 82, 150, "192.0.2.132/24")),
        Arguments.of(Daemon.TANDEM, Daemon.KEEPALIVED, LabInstance.v2("VI_1", 83, 150, "192.0.2.133/24")),
        Arguments.of(Daemon.KEEPALIVED, Daemon.TANDEM, LabInstance.v3("VI_1", 84, 150, "192.0.2.134/24")),
        Arguments.of(Daemon.TANDEM, Daemon.KEEPALIVED, LabInstance.v3("VI_1", 85, 150, "192.0.2.135/24")));
  }

  @ParameterizedTest(name = "{0} master, {1} backup, {2}")
  @MethodSource("pairs")
  void electsFailsOverAndPreemptsBackOverUnicastOnly(Daemon masterDaemon, Daemon backupDaemon, LabInstance multicast) {
    if (masterDaemon == Daemon.KEEPALIVED || backupDaemon == Daemon.KEEPALIVED) {
      LabRequirements.requireKeepalived();
    }
    LabInstance master = multicast.overUnicast();
    int vrid = master.vrid();
    Instant started = Instant.now();
    Pair pair = startPair(masterDaemon, backupDaemon, master);
    // The backup starts once the master holds the VIP: the master's adverts reach lb2 before its daemon listens.
    Instant settled = Instant.now();
    Restart restart = killAndRestartMaster(masterDaemon, pair);
    Instant ended = Instant.now();

    List<WireAdvert> adverts = capture.timeline().adverts(vrid);
    assertTrue(adverts.stream().anyMatch(a -> a.source().equals(lb1.address()))
        && adverts.stream().anyMatch(a -> a.source().equals(lb2.address())), "adverts from both nodes: " + adverts);
    for (WireAdvert advert : adverts) {
      LabNode peer = advert.source().equals(lb1.address()) ? lb2 : lb1;
      assertEquals(List.of(peer.address(), peer.mac()), List.of(advert.destination(), advert.destinationMac()),
          "every advert goes to the other node's IP and MAC: " + advert);
    }
    String lb1Logs = pair.onLb1().log() + restart.again().log();
    String lb2Logs = pair.onLb2().log();
    assertEquals(List.of(), VrrpLogs.problems(lb1Logs), masterDaemon + " on lb1");
    assertEquals(List.of(), VrrpLogs.problems(lb2Logs), backupDaemon + " on lb2");
    assertFalse(lb1Logs.contains(NO_PEER_MAC) || lb2Logs.contains(NO_PEER_MAC),
        "no advert skipped for want of the peer's MAC: " + lb1Logs + lb2Logs);

    Refusals onLb1 = Refusals.count(capture.timeline(), vrid, lb1, started, restart.killed())
        .plus(Refusals.count(capture.timeline(), vrid, lb1, restart.listening(), ended));
    Refusals onLb2 = Refusals.count(capture.timeline(), vrid, lb2, settled, ended);
    if (masterDaemon == Daemon.KEEPALIVED) {
      assertEquals(0, onLb1.unreachables(), "keepalived's raw socket takes the adverts: no ICMP from its host");
    }
    if (backupDaemon == Daemon.KEEPALIVED) {
      assertEquals(0, onLb2.unreachables(), "keepalived's raw socket takes the adverts: no ICMP from its host");
    }
    System.out.printf("unicast %s master, %s backup, v%d: takeover gap %s (MDI %s); ICMP protocol-unreachable"
            + " from lb1 (%s) %s, from lb2 (%s) %s%n", masterDaemon, backupDaemon, master.version(),
        restart.takeover().gap(), pair.backup().masterDownInterval(), masterDaemon, onLb1, backupDaemon, onLb2);
  }

  /** The unicast adverts a host received while a daemon ran there, and the ICMP refusals it sent for them. */
  private record Refusals(long adverts, long unreachables) {
    static Refusals count(WireTimeline timeline, int vrid, LabNode host, Instant from, Instant to) {
      return new Refusals(
          timeline.adverts(vrid).stream().filter(a -> a.destination().equals(host.address()) && within(a.at(), from, to))
              .count(),
          timeline.unreachables(vrid, host.address()).stream().filter(u -> within(u.at(), from, to)).count());
    }

    private static boolean within(Instant at, Instant from, Instant to) {
      return !at.isBefore(from) && at.isBefore(to);
    }

    Refusals plus(Refusals other) {
      return new Refusals(adverts + other.adverts, unreachables + other.unreachables);
    }

    @Override
    public String toString() {
      return unreachables + " for " + adverts + " adverts";
    }
  }
}
