package dev.tandem.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tandem.wire.InstanceReport;
import dev.tandem.wire.MacAddress;
import dev.tandem.wire.ReportedState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * This node 192.0.2.12 (priority 100) against its peer 192.0.2.11, which reports every second
 * (a report counts for 1500 ms). Times are in milliseconds from an arbitrary origin.
 */
class SplitBrainRulesTest {
  private static final Inet4Address SELF = ip("192.0.2.12");
  private static final Inet4Address PEER = ip("192.0.2.11");
  private static final Inet4Address VIP = ip("192.0.2.100");
  private static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:11");
  private static final Duration WINDOW = Duration.ofSeconds(3);
  private static final long NOW = 100_000;

  private static SplitBrainSituation master(List<HeardReport> peers) {
    return situation(VrrpState.MASTER, 100, OptionalLong.empty(), peers, OptionalLong.empty(), Map.of(), true);
  }

  private static SplitBrainSituation yielded(long atMillis, List<HeardReport> peers, OptionalLong lastAdvert,
      boolean resume) {
    return situation(VrrpState.FAULT, 100, OptionalLong.of(nanos(atMillis)), peers, lastAdvert, Map.of(), resume);
  }

  private static SplitBrainSituation situation(VrrpState state, int priority, OptionalLong yieldedAt,
      List<HeardReport> peers, OptionalLong lastAdvert, Map<Inet4Address, MacAddress> claims, boolean resume) {
    return new SplitBrainSituation(51, state, priority, SELF, yieldedAt, peers, lastAdvert, WINDOW, claims, resume);
  }

  private static HeardReport peer(ReportedState state, int priority, long heardAtMillis) {
    return heard(PEER, 51, state, priority, heardAtMillis);
  }

  private static HeardReport heard(Inet4Address from, int vrid, ReportedState state, int priority, long atMillis) {
    // In that state for long: 10 s.
    return new HeardReport(from, new InstanceReport(vrid, state, priority, from, 1000), nanos(atMillis),
        nanos(atMillis - 10_000));
  }

  private static SplitBrainVerdict decide(SplitBrainSituation s) {
    return SplitBrainRules.decide(s, nanos(NOW));
  }

  private static void assertStays(SplitBrainSituation s) {
    assertEquals(new SplitBrainVerdict.Stay(), decide(s));
  }

  @Test
  void aMasterOutrankedByACurrentMasterReportWhoseAdvertsDoNotArriveYieldsWithTheEvidence() {
    Map<Inet4Address, MacAddress> claims = Map.of(VIP, PEER_MAC);
    SplitBrainSituation s = situation(VrrpState.MASTER, 100, OptionalLong.empty(),
        List.of(peer(ReportedState.MASTER, 150, NOW - 300)), OptionalLong.of(nanos(NOW - 3001)), claims, true);
    SplitBrainVerdict.Yield yield = assertInstanceOf(SplitBrainVerdict.Yield.class, decide(s));
    assertEquals(new SplitBrainEvidence(PEER, ReportedState.MASTER, 150, PEER, 100, claims,
        "split-brain: peer 192.0.2.11 is Master too with higher priority 150, ours 100, and its VRRP adverts do not"
            + " arrive"), yield.evidence());
  }

  @Test
  void onEqualPriorityTheLowerPrimaryAddressYields() {
    HeardReport higherAddress = heard(ip("192.0.2.13"), 51, ReportedState.MASTER, 100, NOW);
    SplitBrainVerdict.Yield yield = assertInstanceOf(SplitBrainVerdict.Yield.class, decide(master(List.of(higherAddress))));
    assertEquals("split-brain: peer 192.0.2.13 is Master too with the same priority 100 and a higher primary address,"
        + " and its VRRP adverts do not arrive", yield.evidence().detail());
    assertStays(master(List.of(peer(ReportedState.MASTER, 100, NOW))));
  }

  @Test
  void theHigherPriorityStaysMaster() {
    assertStays(master(List.of(peer(ReportedState.MASTER, 99, NOW))));
  }

  @Test
  void addressesCompareUnsignedAbove128() {
    SplitBrainSituation s = new SplitBrainSituation(51, VrrpState.MASTER, 100, ip("198.51.100.1"), OptionalLong.empty(),
        List.of(heard(ip("203.0.113.1"), 51, ReportedState.MASTER, 100, NOW)), OptionalLong.empty(), WINDOW, Map.of(),
        true);
    assertInstanceOf(SplitBrainVerdict.Yield.class, decide(s));
  }

  @Test
  void bothSidesAgreeExactlyOneYields() {
    int[][] cases = {{100, 150}, {150, 100}, {100, 100}, {254, 1}, {1, 1}};
    for (int[] c : cases) {
      SplitBrainSituation onSelf = situation(VrrpState.MASTER, c[0], OptionalLong.empty(),
          List.of(peer(ReportedState.MASTER, c[1], NOW)), OptionalLong.empty(), Map.of(), true);
      SplitBrainSituation onPeer = new SplitBrainSituation(51, VrrpState.MASTER, c[1], PEER, OptionalLong.empty(),
          List.of(heard(SELF, 51, ReportedState.MASTER, c[0], NOW)), OptionalLong.empty(), WINDOW, Map.of(), true);
      boolean selfYields = decide(onSelf) instanceof SplitBrainVerdict.Yield;
      boolean peerYields = decide(onPeer) instanceof SplitBrainVerdict.Yield;
      assertNotEquals(selfYields, peerYields, "priorities " + c[0] + " and " + c[1]);
    }
  }

  @ParameterizedTest
  @EnumSource(value = VrrpState.class, names = {"INITIALIZE", "BACKUP", "FAULT"})
  void onlyAMasterYields(VrrpState own) {
    assertStays(situation(own, 100, OptionalLong.empty(), List.of(peer(ReportedState.MASTER, 150, NOW)),
        OptionalLong.empty(), Map.of(), true));
  }

  @ParameterizedTest
  @EnumSource(value = ReportedState.class, names = {"INITIALIZE", "BACKUP", "FAULT"})
  void aPeerThatIsNotMasterIsNoSplitBrain(ReportedState peerState) {
    assertStays(master(List.of(peer(peerState, 150, NOW))));
  }

  @Test
  void aPeerWhoseControllerDiedLeavingItsVipIsNoSplitBrainDespiteItsArpClaims() {
    // SIGKILL: the host still answers ARP for the stale VIP, but its reports stopped 1501 ms ago.
    assertStays(situation(VrrpState.MASTER, 100, OptionalLong.empty(), List.of(peer(ReportedState.MASTER, 150,
        NOW - 1501)), OptionalLong.empty(), Map.of(VIP, PEER_MAC), true));
  }

  @Test
  void anUnreachablePeerIsNoSplitBrainEvenWithArpClaims() {
    assertStays(situation(VrrpState.MASTER, 100, OptionalLong.empty(), List.of(), OptionalLong.empty(),
        Map.of(VIP, PEER_MAC), true));
  }

  @Test
  void aReportCountsForItsIntervalAndAHalf() {
    assertInstanceOf(SplitBrainVerdict.Yield.class, decide(master(List.of(peer(ReportedState.MASTER, 150, NOW - 1500)))));
    assertStays(master(List.of(peer(ReportedState.MASTER, 150, NOW - 1501))));
  }

  @Test
  void aPeerThatJustBecameMasterHasAnAdvertWindowToBeHeard() {
    // Its report may arrive a moment before its first advert, which makes this router Backup.
    HeardReport justTookOver = new HeardReport(PEER, new InstanceReport(51, ReportedState.MASTER, 150, PEER, 1000),
        nanos(NOW), nanos(NOW - 2999));
    assertStays(master(List.of(justTookOver)));
    HeardReport masterForAWindow = new HeardReport(PEER, justTookOver.report(), nanos(NOW), nanos(NOW - 3000));
    assertInstanceOf(SplitBrainVerdict.Yield.class, decide(master(List.of(masterForAWindow))));
  }

  @Test
  void aRunOfReportsInOneStateKeepsItsStartUntilTheStateChangesOrTheReportsStop() {
    InstanceReport master = new InstanceReport(51, ReportedState.MASTER, 150, PEER, 1000);
    HeardReport first = HeardReport.after(null, PEER, master, nanos(1000));
    assertEquals(nanos(1000), first.stateSinceNanos());
    HeardReport second = HeardReport.after(first, PEER, master, nanos(2000));
    assertEquals(nanos(1000), second.stateSinceNanos());
    assertEquals(nanos(3501), HeardReport.after(second, PEER, master, nanos(3501)).stateSinceNanos(), "after a gap");
    InstanceReport backup = new InstanceReport(51, ReportedState.BACKUP, 150, PEER, 1000);
    assertEquals(nanos(2500), HeardReport.after(second, PEER, backup, nanos(2500)).stateSinceNanos());
  }

  @Test
  void whileAdvertsArriveVrrpSettlesItAndNobodyYields() {
    assertStays(situation(VrrpState.MASTER, 100, OptionalLong.empty(), List.of(peer(ReportedState.MASTER, 150, NOW)),
        OptionalLong.of(nanos(NOW - 3000)), Map.of(), true));
  }

  @Test
  void aReportForAnotherVridIsNotAboutThisInstance() {
    assertStays(master(List.of(heard(PEER, 52, ReportedState.MASTER, 150, NOW))));
  }

  @Test
  void withSeveralPeersAnyOutrankingMasterCounts() {
    List<HeardReport> peers = List.of(heard(ip("192.0.2.13"), 51, ReportedState.BACKUP, 200, NOW),
        peer(ReportedState.MASTER, 150, NOW));
    assertEquals(PEER, assertInstanceOf(SplitBrainVerdict.Yield.class, decide(master(peers))).evidence().peer());
  }

  @Test
  void yieldedItStaysWhileTheOutrankingPeerStillReportsMasterAndNoAdvertArrives() {
    assertStays(yielded(NOW - 5000, List.of(peer(ReportedState.MASTER, 150, NOW - 100)),
        OptionalLong.of(nanos(NOW - 5001)), true));
  }

  @Test
  void yieldedItResumesWhenAdvertsArriveAgain() {
    assertEquals(new SplitBrainVerdict.Resume("VRRP adverts from the peer arrive again"),
        decide(yielded(NOW - 5000, List.of(peer(ReportedState.MASTER, 150, NOW)), OptionalLong.of(nanos(NOW - 10)),
            true)));
  }

  @Test
  void yieldedItResumesWhenThePeerStopsAnswering() {
    assertEquals(new SplitBrainVerdict.Resume("peer 192.0.2.11 stopped answering (last report 1501 ms ago)"),
        decide(yielded(NOW - 5000, List.of(peer(ReportedState.MASTER, 150, NOW - 1501)), OptionalLong.empty(), true)));
  }

  @Test
  void yieldedItResumesWhenThePeerIsNoLongerMaster() {
    assertEquals(new SplitBrainVerdict.Resume("peer 192.0.2.11 is no longer Master (it is FAULT)"),
        decide(yielded(NOW - 5000, List.of(peer(ReportedState.FAULT, 150, NOW)), OptionalLong.empty(), true)));
  }

  @Test
  void yieldedItResumesWhenThePeerNoLongerOutranksIt() {
    assertEquals(new SplitBrainVerdict.Resume("peer 192.0.2.11 (priority 90) no longer outranks this router"
        + " (priority 100)"), decide(yielded(NOW - 5000, List.of(peer(ReportedState.MASTER, 90, NOW)),
            OptionalLong.empty(), true)));
  }

  @Test
  void stayStoppedNeverResumesByItself() {
    assertStays(yielded(NOW - 5000, List.of(), OptionalLong.of(nanos(NOW)), false));
    assertStays(yielded(NOW - 5000, List.of(peer(ReportedState.BACKUP, 150, NOW)), OptionalLong.empty(), false));
  }

  private static long nanos(long millis) {
    return millis * 1_000_000L;
  }

  private static Inet4Address ip(String dotted) {
    try {
      return (Inet4Address) InetAddress.getByName(dotted);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(dotted, e);
    }
  }
}
