package dev.tandem.audit;

import static dev.tandem.audit.Events.at;
import static dev.tandem.audit.Events.changed;
import static dev.tandem.audit.Events.crashAndPreemption;
import static dev.tandem.audit.Events.gracefulStop;
import static dev.tandem.audit.Events.masterDown;
import static dev.tandem.audit.Events.plain;
import static dev.tandem.vrrp.VrrpState.BACKUP;
import static dev.tandem.vrrp.VrrpState.FAULT;
import static dev.tandem.vrrp.VrrpState.INITIALIZE;
import static dev.tandem.vrrp.VrrpState.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.instance.InstanceEvent;
import dev.tandem.vrrp.VrrpState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analysis on hand-built journals of two nodes: lb1 (192.0.2.11, priority 150) and lb2
 * (192.0.2.12, priority 100), each event on its own node's clock, fed as the scan feeds them
 * (merged by time).
 */
class InstanceAnalysisTest {
  private static final String LB1_IP = Events.LB1_IP;
  private static final Instant END = at(200);

  private static RecordingSink analyse(AuditFilter filter, List<InstanceEvent> events) {
    RecordingSink sink = new RecordingSink();
    InstanceAnalysis analysis = new InstanceAnalysis(Events.VI, filter, FlapRule.DEFAULT, sink);
    events.stream().map(JournalEntry::of)
        .sorted(Comparator.comparing(JournalEntry::at).thenComparing(JournalEntry::node))
        .forEach(analysis::accept);
    analysis.finish(END);
    return sink;
  }

  private static RecordingSink analyse(List<InstanceEvent> events) {
    return analyse(AuditFilter.ALL, events);
  }

  @ParameterizedTest(name = "lb1''s clock {0} s off lb2''s")
  @ValueSource(doubles = {-5, 0, 5})
  void aStopPairsWithTheTakeoverWhateverTheSkewAndTheGapIsOnTheNewMastersClock(double skew) {
    RecordingSink sink = analyse(gracefulStop(skew));

    assertEquals(1, sink.episodes.size(), sink.episodes.toString());
    Episode e = sink.episodes.get(0);
    assertEquals("lb1", e.lostBy());
    assertEquals(Optional.of(at(100 + skew)), e.lostAt());
    assertTrue(e.lostWhy().startsWith("shutdown"), e.lostWhy());
    assertEquals("lb2", e.takenBy());
    assertEquals(Optional.of(at(100.7)), e.takenAt());
    assertEquals(Optional.of(Duration.ofMillis(600)), e.gap());
    assertEquals(Handover.RELEASED, e.handover());
    assertEquals(List.of(), sink.crashes);

    Totals totals = sink.totals.get(0);
    assertEquals(Map.of("lb1", Duration.ofMillis(96_400), "lb2", Duration.ofMillis(99_300)), totals.timeAsMaster());
    assertEquals(1, totals.failovers());
    assertEquals(Optional.of(e), totals.longestGap());
  }

  @Test
  void aMasterKilledThenRestartedIsACrashAndItsPreemptionOfTheBackupAnotherEpisode() {
    RecordingSink sink = analyse(crashAndPreemption());

    assertEquals(List.of(new Crash(Events.VI, "lb1", at(120), Optional.of(at(3.6)))), sink.crashes);
    assertEquals(2, sink.episodes.size(), sink.episodes.toString());
    Episode died = sink.episodes.get(0);
    assertEquals("lb1", died.lostBy());
    assertEquals(Optional.empty(), died.lostAt());
    assertTrue(died.lostWhy().startsWith("crashed while Master"), died.lostWhy());
    assertEquals("lb2", died.takenBy());
    assertEquals(Optional.of(at(50.0)), died.lastHeard());
    assertEquals(Optional.of(Duration.ofMillis(3400)), died.gap());
    assertEquals(Handover.SILENT, died.handover());

    Episode preempted = sink.episodes.get(1);
    assertEquals("lb2", preempted.lostBy());
    assertEquals(Optional.of(at(123.7)), preempted.lostAt());
    assertEquals("lb1", preempted.takenBy());
    assertEquals(Handover.PREEMPTED, preempted.handover());

    Totals totals = sink.totals.get(0);
    // lb1's first run as Master ends when lb2 last heard it.
    assertEquals(Duration.ofMillis(46_400 + 76_400), totals.timeAsMaster().get("lb1"));
    assertEquals(Duration.ofMillis(70_300), totals.timeAsMaster().get("lb2"));
    assertEquals(2, totals.failovers());
    assertEquals(Optional.of(died), totals.longestGap());
  }

  @Test
  void theNewMastersJournalAloneNamesTheOldMasterByItsAddress() {
    List<InstanceEvent> lb2Only = crashAndPreemption().stream().filter(e -> e.node().equals("lb2")).toList();

    RecordingSink sink = analyse(lb2Only);

    Episode e = sink.episodes.get(0);
    assertEquals(LB1_IP + " (no journal read)", e.lostBy());
    assertEquals("lb2", e.takenBy());
    assertEquals(Optional.of(Duration.ofMillis(3400)), e.gap());
    assertEquals(Handover.SILENT, e.handover());
    Episode second = sink.episodes.get(1);
    assertEquals("lb2", second.lostBy());
    assertEquals(LB1_IP + " (no journal read)", second.takenBy());
    assertEquals(Handover.PREEMPTED, second.handover());
    assertEquals(2, sink.totals.get(0).failovers());
  }

  @Test
  void theOldMastersJournalAloneShowsItsLossWithNoTakeover() {
    List<InstanceEvent> lb1Only = gracefulStop(0).stream().filter(e -> e.node().equals("lb1")).toList();

    Episode e = analyse(lb1Only).episodes.get(0);

    assertEquals("lb1", e.lostBy());
    assertEquals("nobody in the journals read", e.takenBy());
    assertEquals(Optional.empty(), e.takenAt());
    assertEquals(Handover.RELEASED, e.handover());
  }

  @Test
  void masterToFaultSendsPriorityZeroSoTheTakeoverIsAGracefulRelease() {
    List<InstanceEvent> events = new ArrayList<>(gracefulStop(0).subList(0, 3));
    events.add(changed("lb1", 10, MASTER, FAULT, plain("fault"), 150));
    events.add(changed("lb2", 0, INITIALIZE, BACKUP, plain("startup"), 100));
    events.add(changed("lb2", 10.6, BACKUP, MASTER, masterDown(LB1_IP, 0, 10.0), 100));

    Episode e = analyse(events).episodes.get(0);

    assertEquals("lb1", e.lostBy());
    assertEquals("lb2", e.takenBy());
    assertEquals(Handover.RELEASED, e.handover());
    assertEquals(Optional.of(Duration.ofMillis(600)), e.gap());
  }

  @Test
  void aMasterThatJournalsNothingAfterBeingSupersededWasSilentAndItsTimeEndsWhenLastHeard() {
    List<InstanceEvent> killedForGood = crashAndPreemption().subList(0, 6);

    RecordingSink sink = analyse(killedForGood);

    Episode e = sink.episodes.get(0);
    assertEquals("lb1", e.lostBy());
    assertTrue(e.lostWhy().startsWith("journaled nothing more"), e.lostWhy());
    assertEquals(Handover.SILENT, e.handover());
    assertEquals(Duration.ofMillis(46_400), sink.totals.get(0).timeAsMaster().get("lb1"));
    assertEquals(Duration.ofMillis(146_600), sink.totals.get(0).timeAsMaster().get("lb2"));
  }

  @Test
  void aRunThatCrashedAsMasterWithNoTakeoverReadCountsUntilItsRestartAsAnUpperBound() {
    List<InstanceEvent> lb1Only = crashAndPreemption().stream().filter(e -> e.node().equals("lb1")).toList();

    Totals totals = analyse(lb1Only).totals.get(0);

    // Master from 3.6 s until the restart at 120 s, then from 123.6 s until the end at 200 s; not
    // 0 s for the crashed run (its last event was its own takeover).
    assertEquals(Duration.ofMillis(116_400 + 76_400), totals.timeAsMaster().get("lb1"));
    assertEquals(Set.of("lb1"), totals.masterUntilRestart());
  }

  @Test
  void aTakeoverReadBoundsTheCrashedRunExactlyAndNoUpperBoundIsClaimed() {
    Totals totals = analyse(crashAndPreemption()).totals.get(0);

    assertEquals(Set.of(), totals.masterUntilRestart());
  }

  /** lb1 alternating between Backup and Master at these seconds. */
  private static List<InstanceEvent> transitionsAt(double... seconds) {
    List<InstanceEvent> events = new ArrayList<>();
    for (int i = 0; i < seconds.length; i++) {
      VrrpState from = i % 2 == 0 ? BACKUP : MASTER;
      events.add(changed("lb1", seconds[i], from, from == BACKUP ? MASTER : BACKUP, plain("master-down"), 150));
    }
    return events;
  }

  @Test
  void threeTransitionsWithinAMinuteAreFlappingUntilAMinutePassesQuietly() {
    assertEquals(List.of(new Flapping(Events.VI, "lb1", at(0), at(30), 4)),
        analyse(transitionsAt(0, 10, 20, 30, 150)).flapping);
  }

  @Test
  void transitionsSpreadOverMoreThanTheWindowAreNotFlapping() {
    assertEquals(List.of(), analyse(transitionsAt(0, 31, 62, 93)).flapping);
  }

  @Test
  void flappingThatLastsToTheEndOfTheJournalIsReported() {
    assertEquals(List.of(new Flapping(Events.VI, "lb1", at(0), at(4), 5)), analyse(transitionsAt(0, 1, 2, 3, 4)).flapping);
  }

  @Test
  void aNodeFilterShowsThatNodesLinesAndTheEpisodesItTookPartIn() {
    RecordingSink sink = analyse(new AuditFilter(Optional.empty(), Optional.of("lb2"), Optional.empty(),
        Optional.empty()), crashAndPreemption());

    assertTrue(sink.entries.stream().allMatch(e -> e.node().equals("lb2")));
    assertEquals(4, sink.entries.size());
    assertEquals(2, sink.episodes.size());
    assertEquals(List.of(), sink.crashes);
    assertEquals(Map.of("lb2", Duration.ofMillis(70_300)), sink.totals.get(0).timeAsMaster());
  }

  @Test
  void aTimeWindowCutsTheTimelineTheEpisodesAndTheTimeAsMaster() {
    RecordingSink sink = analyse(new AuditFilter(Optional.empty(), Optional.empty(), Optional.of(at(60)),
        Optional.of(at(160))), crashAndPreemption());

    assertEquals(List.of(at(120), at(120), at(123.6), at(123.7)), sink.entries.stream().map(JournalEntry::at).toList());
    assertEquals(1, sink.episodes.size());
    assertEquals(Handover.PREEMPTED, sink.episodes.get(0).handover());
    assertEquals(1, sink.crashes.size());
    Totals totals = sink.totals.get(0);
    assertEquals(Duration.ofMillis(36_400), totals.timeAsMaster().get("lb1"));
    assertEquals(Duration.ofMillis(63_700), totals.timeAsMaster().get("lb2"));
    assertEquals(1, totals.failovers());
    assertTrue(sink.spans.stream().allMatch(s -> !s.from().isBefore(at(60)) && !s.to().isAfter(at(160))));
  }

  @Test
  void otherKindsAreInTheTimelineAndCountedButDoNotDisturbEpisodes() {
    RecordingSink sink = new RecordingSink();
    InstanceAnalysis analysis = new InstanceAnalysis(Events.VI, AuditFilter.ALL, FlapRule.DEFAULT, sink);
    List<JournalEntry> entries = new ArrayList<>(gracefulStop(0).stream().map(JournalEntry::of).toList());
    entries.add(5, new JournalEntry(at(99), "lb1", Events.VI, "priority-changed", Optional.empty(), "from=150, to=100"));
    entries.add(6, new JournalEntry(at(99.5), "lb2", Events.VI, "split-brain", Optional.empty(), "peer=192.0.2.11"));
    entries.stream().sorted(Comparator.comparing(JournalEntry::at)).forEach(analysis::accept);
    analysis.finish(END);

    assertEquals(10, sink.entries.size());
    assertEquals(1, sink.episodes.size());
    assertEquals(Map.of("priority-changed", 1L, "split-brain", 1L), sink.totals.get(0).otherKinds());
  }

  @Test
  void spansFollowEachNodesStates() {
    RecordingSink sink = analyse(gracefulStop(0));

    List<VrrpState> lb1 = sink.spans.stream().filter(s -> s.node().equals("lb1")).map(StateSpan::state).toList();
    // Initialize lasts no time at start and at stop: only spans with a length are reported.
    assertEquals(List.of(BACKUP, MASTER), lb1);
    StateSpan last = sink.spans.get(sink.spans.size() - 1);
    assertEquals(new StateSpan(Events.VI, "lb2", MASTER, at(100.7), END), last);
  }
}
