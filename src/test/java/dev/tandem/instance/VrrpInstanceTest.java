package dev.tandem.instance;

import static dev.tandem.instance.InstanceLab.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.instance.InstanceLab.Seen;
import dev.tandem.vrrp.VrrpState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Instances on an in-memory segment under manual time: the RFC timings hold to the millisecond
 * (manual time's resolution) and the journal holds exactly the transitions with their reasons.
 * Master_Down_Interval (v2, 1 s): priority 150 -> 3414 ms, 120 -> 3531 ms, 100 -> 3609 ms;
 * Skew_Time for priority 100 -> 609 ms.
 */
class VrrpInstanceTest {
  private final InstanceLab lab = new InstanceLab();

  @AfterEach
  void close() {
    lab.close();
  }

  @Test
  void higherPriorityWinsTheElectionAtItsMasterDownInterval() {
    Node[] nodes = lab.elect();
    lab.quietFor(999);
    lab.advertAfter(1, new Seen("192.0.2.11", 150));
    lab.awaitAdvertsReceived(nodes[1], 2);
    assertEquals(VrrpState.BACKUP, lab.status(nodes[1]).state());
    lab.awaitAddresses(nodes[0], List.of("192.0.2.100/24"));
    assertTrue(nodes[1].addresses().list("eth0").isEmpty());
  }

  @Test
  void everyJournaledDecisionIsTimedUntilItIsDurable() {
    long before = journalWrites();
    lab.elect();
    lab.events("a", 3);
    // the callback that times a write runs just after the journal took it
    lab.wire.awaitAssert(() -> {
      assertTrue(journalWrites() >= before + 2, "journal writes timed: " + (journalWrites() - before));
      return null;
    });
  }

  private static long journalWrites() {
    return JournalWriteLatency.SECONDS.collect().getDataPoints().get(0).getCount();
  }

  @Test
  void backupTakesOverExactlyAtMasterDownIntervalAfterTheLastAdvert() {
    Node[] nodes = lab.elect();
    nodes[0].link().cut(true);
    lab.quietFor(3608);
    lab.advertAfter(1, new Seen("192.0.2.12", 100));
    lab.awaitState(nodes[1], VrrpState.MASTER);

    StateChanged takeover = (StateChanged) last(lab.events("b", 3));
    assertEquals(VrrpState.BACKUP, takeover.from());
    assertEquals(VrrpState.MASTER, takeover.to());
    assertEquals("master-down", takeover.cause().kind());
    assertEquals(Optional.of("192.0.2.11"), takeover.cause().peer());
    assertEquals(Optional.of(150), takeover.cause().peerPriority());
    assertTrue(takeover.cause().peerLastHeard().isPresent());
  }

  @Test
  void aNodeThatHeardItsLinkBeforeItsInstanceStartedWaitsThatMuchLessForAMaster() {
    Node a = lab.startAfterListening("a", 11, TestInstances.vi1(150, true), () -> time(400));
    lab.quietFor(3013);
    lab.advertAfter(1, new Seen("192.0.2.11", 150));
    lab.awaitState(a, VrrpState.MASTER);
  }

  @Test
  void aRestartedHigherPriorityNodePreemptsAsOfWhenItsLinkOpened() {
    lab.start("b", 12, TestInstances.vi1(100, true));
    lab.quietFor(3608);
    lab.advertAfter(1, new Seen("192.0.2.12", 100));
    // a's link hears b's advert of 1 s later, half a second before a's instance starts
    Node a = lab.startAfterListening("a", 11, TestInstances.vi1(150, true), () -> {
      lab.advertAfter(1000, new Seen("192.0.2.12", 100));
      time(500);
    });
    lab.advertAfter(500, new Seen("192.0.2.12", 100));
    lab.advertAfter(1000, new Seen("192.0.2.12", 100));
    // Master_Down_Interval (3414 ms) from a's start, less the second its link was heard before
    lab.quietFor(913);
    lab.advertAfter(1, new Seen("192.0.2.11", 150));
    lab.awaitState(a, VrrpState.MASTER);
  }

  @Test
  void anAdvertHeardBeforeTheInstanceStartedCountsAsHeardByIt() {
    Node b = lab.start("b", 12, TestInstances.vi1(150, true));
    lab.quietFor(3413);
    lab.advertAfter(1, new Seen("192.0.2.12", 150));
    // a's link hears b's advert of 1 s later, half a second before a's instance starts
    Node a = lab.startAfterListening("a", 11, TestInstances.vi1(100, true), () -> {
      lab.advertAfter(1000, new Seen("192.0.2.12", 150));
      time(500);
    });
    assertEquals(Optional.of(new CurrentMaster("192.0.2.12", 150, false)), lab.status(a).master());

    b.link().cut(true);
    // Master_Down_Interval (3609 ms) from that advert, not from a's start
    lab.quietFor(3108);
    lab.advertAfter(1, new Seen("192.0.2.11", 100));
    lab.awaitState(a, VrrpState.MASTER);
  }

  @Test
  void priorityZeroFromAStoppingMasterHandsOverAfterSkewTime() {
    Node[] nodes = lab.elect();
    lab.stop(nodes[0]);
    lab.wire.expectMessage(new Seen("192.0.2.11", 0));
    lab.awaitAddresses(nodes[0], List.of());
    lab.awaitAdvertsReceived(nodes[1], 2);
    lab.quietFor(608);
    lab.advertAfter(1, new Seen("192.0.2.12", 100));
    lab.awaitState(nodes[1], VrrpState.MASTER);

    List<InstanceEvent> a = lab.events("a", 5);
    assertEquals(List.of("started", "startup", "master-down", "shutdown", "stopped"), InstanceLab.kinds(a));
    StateChanged takeover = (StateChanged) last(lab.events("b", 3));
    assertEquals(Optional.of(0), takeover.cause().peerPriority());
  }

  /**
   * b was Master first, so a (150), which preempted it, has heard another router: its handover
   * announces priority 0 but keeps the VIP until b's first advert as the new master (Skew_Time,
   * 609 ms, later), then releases it after a 50 ms overlap (VipBinderTest) and stops.
   */
  @Test
  void aHandoverKeepsTheVipUntilTheNewMastersFirstAdvert() {
    Node[] nodes = bMasterThenAStarts(true);
    Node a = nodes[0];
    Node b = nodes[1];
    for (int i = 0; i < 3; i++) {
      lab.advertAfter(1000, new Seen("192.0.2.12", 100));
    }
    lab.advertAfter(414, new Seen("192.0.2.11", 150));
    lab.awaitState(b, VrrpState.BACKUP);

    TestProbe<Done> stopped = lab.kit.createTestProbe();
    a.instance().tell(new InstanceCommand.Stop(stopped.getRef(), true, "operator stop"));
    lab.wire.expectMessage(new Seen("192.0.2.11", 0));
    assertEquals(VrrpState.MASTER, lab.status(a).state(), "the releasing router still answers for the VIP");
    assertEquals(List.of("192.0.2.100/24"), a.addresses().list("eth0"));
    lab.quietFor(608);
    lab.advertAfter(1, new Seen("192.0.2.12", 100));
    lab.awaitState(b, VrrpState.MASTER);
    assertEquals("handed-over", InstanceLab.kinds(lab.events("a", 5)).get(3));
    assertEquals(List.of("192.0.2.100/24"), a.addresses().list("eth0"), "kept until b's gratuitous ARP has landed");
    lab.awaitReleasedAfterOverlap(a, stopped);

    List<InstanceEvent> events = lab.events("a", 5);
    assertEquals(List.of("started", "startup", "master-down", "handed-over", "stopped"), kinds(events));
    StateChanged released = (StateChanged) events.get(3);
    assertEquals(Optional.of("192.0.2.12"), released.cause().peer());
    assertEquals("operator stop with handover", ((InstanceStopped) events.get(4)).cause());
  }

  /** Nobody heard (a won the election without hearing b): nothing to wait for, released at once as keepalived does. */
  @Test
  void aHandoverWithNoOtherRouterHeardReleasesAtOnce() {
    Node[] nodes = lab.elect();
    TestProbe<Done> stopped = lab.kit.createTestProbe();
    nodes[0].instance().tell(new InstanceCommand.Stop(stopped.getRef(), true, "operator stop"));
    lab.wire.expectMessage(new Seen("192.0.2.11", 0));
    lab.awaitAddresses(nodes[0], List.of());
    stopped.expectMessage(Done.getInstance());
    assertEquals(List.of("started", "startup", "master-down", "shutdown", "stopped"), kinds(lab.events("a", 5)));
  }

  @Test
  void aReturningHigherPriorityRouterPreemptsTheMaster() {
    Node b = lab.start("b", 12, TestInstances.vi1(100, true));
    lab.quietFor(3608);
    lab.advertAfter(1, new Seen("192.0.2.12", 100));
    lab.awaitState(b, VrrpState.MASTER);

    Node a = lab.start("a", 11, TestInstances.vi1(150, true));
    // A discards B's lower-priority adverts, so its own Master_Down_Timer runs out: 3414 ms.
    lab.advertAfter(1000, new Seen("192.0.2.12", 100));
    lab.advertAfter(1000, new Seen("192.0.2.12", 100));
    lab.advertAfter(1000, new Seen("192.0.2.12", 100));
    lab.advertAfter(414, new Seen("192.0.2.11", 150));
    lab.awaitState(b, VrrpState.BACKUP);
    lab.awaitState(a, VrrpState.MASTER);

    StateChanged preempted = (StateChanged) last(lab.events("b", 4));
    assertEquals("preempted-by", preempted.cause().kind());
    assertEquals(Optional.of("192.0.2.11"), preempted.cause().peer());
    StateChanged takeover = (StateChanged) last(lab.events("a", 3));
    assertEquals(Optional.of(100), takeover.cause().peerPriority());
  }

  @Test
  void nopreemptKeepsTheCurrentMasterWhileItsAdvertsArrive() {
    Node[] nodes = bMasterThenAStarts(false);
    Node a = nodes[0];
    Node b = nodes[1];
    for (int i = 1; i <= 10; i++) {
      lab.advertAfter(1000, new Seen("192.0.2.12", 100));
      lab.awaitAdvertsReceived(a, i);
    }
    assertEquals(VrrpState.BACKUP, lab.status(a).state());
    assertEquals(VrrpState.MASTER, lab.status(b).state());
  }

  @Test
  void twoMastersWithEqualPrioritiesLeaveTheHigherAddressMaster() {
    Node a = lab.start("a", 11, TestInstances.vi1(100, true));
    Node b = lab.start("b", 12, TestInstances.vi1(100, true));
    // Partitioned, both become Master; once they hear each other, the lower address yields.
    a.link().cut(true);
    b.link().cut(true);
    time(3609);
    lab.awaitState(a, VrrpState.MASTER);
    lab.awaitState(b, VrrpState.MASTER);
    a.link().cut(false);
    b.link().cut(false);
    time(1000);
    lab.awaitState(a, VrrpState.BACKUP);
    lab.awaitState(b, VrrpState.MASTER);
    StateChanged yielded = (StateChanged) last(lab.events("a", 4));
    assertEquals("preempted-by", yielded.cause().kind());
    assertEquals(Optional.of("192.0.2.12"), yielded.cause().peer());
    assertTrue(yielded.cause().detail().contains("same priority 100 but higher IP address"), yielded.cause().detail());
  }

  @Test
  void threeRoutersFailOverInPriorityOrder() {
    Node a = lab.start("a", 11, TestInstances.vi1(150, true));
    Node b = lab.start("b", 12, TestInstances.vi1(120, true));
    Node c = lab.start("c", 13, TestInstances.vi1(100, true));
    lab.quietFor(3413);
    lab.advertAfter(1, new Seen("192.0.2.11", 150));
    lab.awaitAdvertsReceived(b, 1);
    lab.awaitAdvertsReceived(c, 1);
    a.link().cut(true);
    lab.quietFor(3530);
    lab.advertAfter(1, new Seen("192.0.2.12", 120));
    lab.awaitState(b, VrrpState.MASTER);
    lab.awaitAdvertsReceived(c, 2);
    assertEquals(VrrpState.BACKUP, lab.status(c).state());
  }

  @Test
  void theJournalHoldsExactlyTheTransitionsWithTheirReasons() {
    Node[] nodes = lab.elect();
    nodes[0].link().cut(true);
    lab.quietFor(3608);
    lab.advertAfter(1, new Seen("192.0.2.12", 100));
    lab.awaitState(nodes[1], VrrpState.MASTER);

    List<InstanceEvent> a = lab.events("a", 3);
    List<InstanceEvent> b = lab.events("b", 3);
    assertEquals(List.of("started", "startup", "master-down"), InstanceLab.kinds(a));
    assertEquals(List.of("started", "startup", "master-down"), InstanceLab.kinds(b));
    InstanceStarted started = (InstanceStarted) a.get(0);
    assertEquals(Optional.empty(), started.recoveredState());
    assertEquals(List.of("192.0.2.100/24"), started.vips());
    StateChanged master = (StateChanged) a.get(2);
    assertEquals(VrrpState.MASTER, master.to());
    assertEquals(Optional.empty(), master.cause().peer());
    assertEquals(150, master.priority());
    for (InstanceEvent e : a) {
      assertEquals(InstanceEvent.SCHEMA_VERSION, e.schema());
      assertEquals("a", e.node());
      assertEquals("VI_1", e.instance());
    }
  }

  @Test
  void aRestartedInstanceRecoversItsJournalAndStartsInBackup() {
    Node[] nodes = lab.elect();
    lab.events("a", 3);
    lab.kit.stop(nodes[0].instance());
    Node again = lab.start("a", 21, TestInstances.vi1(150, true));
    InstanceStarted restarted = (InstanceStarted) lab.events("a", 5).get(3);
    assertEquals(Optional.of(VrrpState.MASTER), restarted.recoveredState());
    assertFalse(restarted.previousStopClean(), "a Master without a stop event is a crash");
    assertEquals(VrrpState.BACKUP, lab.status(again).state());

    lab.stop(again);
    Node third = lab.start("a", 31, TestInstances.vi1(150, true));
    List<InstanceEvent> events = lab.events("a", 9);
    InstanceStarted afterCleanStop = (InstanceStarted) events.get(events.size() - 2);
    assertTrue(afterCleanStop.previousStopClean());
    assertEquals(Optional.of(VrrpState.INITIALIZE), afterCleanStop.recoveredState());
    assertEquals(VrrpState.BACKUP, lab.status(third).state());
  }

  @Test
  void aFailingJournalWriteDoesNotInterruptVrrp() {
    Node[] nodes = lab.elect();
    lab.events("b", 2);
    PersistenceTestKit.create(lab.kit.system()).failNextPersisted(InstanceLab.pid("b"));
    nodes[0].link().cut(true);
    lab.quietFor(3608);
    lab.advertAfter(1, new Seen("192.0.2.12", 100));
    // The takeover's write failed and the persistent parent restarts with backoff; the router goes on.
    lab.advertAfter(1000, new Seen("192.0.2.12", 100));
    lab.advertAfter(1000, new Seen("192.0.2.12", 100));
    assertEquals(VrrpState.MASTER, lab.status(nodes[1]).state());
    lab.awaitAddresses(nodes[1], List.of("192.0.2.100/24"));
  }

  /** b (100) alone becomes Master at its Master_Down_Interval (3609 ms), then a (150) starts and hears it. */
  private Node[] bMasterThenAStarts(boolean preempt) {
    Node b = lab.start("b", 12, TestInstances.vi1(100, preempt));
    lab.quietFor(3608);
    lab.advertAfter(1, new Seen("192.0.2.12", 100));
    return new Node[] {lab.start("a", 11, TestInstances.vi1(150, preempt)), b};
  }

  private void time(long millis) {
    lab.time.timePasses(Duration.ofMillis(millis));
  }

  private static InstanceEvent last(List<InstanceEvent> events) {
    return events.get(events.size() - 1);
  }
}
