package dev.tandem.instance;

import static dev.tandem.instance.InstanceLab.describe;
import static dev.tandem.instance.InstanceLab.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.instance.InstanceLab.Seen;
import dev.tandem.vrrp.VrrpState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tracked checks under manual time, with a check whose exit code the test sets: each checker runs
 * at once and then every second. Manual time fires a timer once per step however long the step,
 * so {@link #nextRun()} steps one interval and waits for exactly one more run.
 */
class HealthCheckingTest {
  private final InstanceLab lab = new InstanceLab();
  private final FakeCheck check = new FakeCheck();

  @AfterEach
  void close() {
    lab.close();
  }

  /**
   * Starts a node whose check has made its first run, the one at once: {@link #nextRun()} counts on
   * that run having armed the next one before it moves time.
   */
  private Node startTracking(String name, int hostByte, int priority, int weight, int rise, int fall) {
    Node node = lab.start(name, hostByte, TestInstances.vi1Tracking(priority, "chk"),
        Map.of("chk", TestInstances.script("chk", weight, rise, fall)), script -> check);
    awaitRuns(1);
    return node;
  }

  private Node[] electTrackingA(int weight, int rise, int fall) {
    Node a = startTracking("a", 11, 150, weight, rise, fall);
    Node b = lab.start("b", 12, TestInstances.vi1(100, true));
    lab.elect(a, b);
    return new Node[] {a, b};
  }

  @Test
  void weightZeroFailureTakesAMasterToFaultWithAPriorityZeroAdvertAndRecoveryToBackup() {
    Node[] nodes = electTrackingA(0, 1, 1);
    Node a = nodes[0];
    check.exitWith(1);
    nextRun();
    lab.awaitAdvert(new Seen("192.0.2.11", 0));
    lab.awaitState(a, VrrpState.FAULT);
    lab.awaitAddresses(a, List.of());
    // B heard the release: it takes over after its Skew_Time (609 ms), A stays silent in Fault.
    lab.advertAfter(700, new Seen("192.0.2.12", 100));
    lab.awaitState(nodes[1], VrrpState.MASTER);

    check.exitWith(0);
    nextRun();
    lab.awaitState(a, VrrpState.BACKUP);

    List<InstanceEvent> events = lab.events("a", 7);
    assertEquals(List.of("started", "startup", "master-down", "health-changed", "fault", "health-changed",
        "fault-cleared"), InstanceLab.kinds(events));
    HealthChanged failed = (HealthChanged) events.get(3);
    assertEquals(List.of("chk", "false", "exited with status 1", "150", "150", "[chk]"), describe(failed));
    StateChanged fault = (StateChanged) events.get(4);
    assertEquals(VrrpState.MASTER, fault.from());
    assertEquals("VRRP_Script(chk) failed (exited with status 1)", fault.cause().detail());
    assertEquals(List.of("chk", "true", "exited with status 0", "150", "150", "[]"), describe((HealthChanged) events.get(5)));
    assertEquals(VrrpState.BACKUP, ((StateChanged) events.get(6)).to());
  }

  @Test
  void negativeWeightLowersTheMasterAfterFallFailuresAndRiseSuccessesRestoreIt() {
    Node[] nodes = electTrackingA(-60, 2, 2);
    Node a = nodes[0];
    Node b = nodes[1];
    check.exitWith(1);
    nextRun();
    assertEquals(150, lab.status(a).effectivePriority(), "one failure of fall 2");
    nextRun();
    lab.awaitPreemptedAfterLowering(a, b, 90, this::nextRun);

    List<InstanceEvent> events = lab.events("a", 5);
    assertEquals(List.of("started", "startup", "master-down", "health-changed", "preempted-by"), InstanceLab.kinds(events));
    assertEquals(List.of("chk", "false", "exited with status 1", "150", "90", "[]"), describe((HealthChanged) events.get(3)));

    check.exitWith(0);
    nextRun();
    assertEquals(90, lab.status(a).effectivePriority(), "one success of rise 2");
    nextRun();
    lab.awaitPriority(a, 150);
    lab.time.timePasses(Duration.ofMillis(4000));
    lab.time.timePasses(Duration.ofMillis(4000));
    lab.awaitState(a, VrrpState.MASTER);
  }

  @Test
  void positiveWeightWhileHealthyLetsTheLowerRouterWin() {
    Node a = lab.start("a", 11, TestInstances.vi1(150, true));
    Node b = startTracking("b", 12, 100, 60, 1, 1);
    lab.awaitPriority(b, 160);
    lab.quietFor(3413);
    lab.advertAfter(1, new Seen("192.0.2.11", 150));
    // B (160) discards A's advert and its own Master_Down_Timer (armed at 100: 3609 ms) runs out.
    lab.advertAfter(195, new Seen("192.0.2.12", 160));
    lab.awaitState(b, VrrpState.MASTER);
    lab.awaitState(a, VrrpState.BACKUP);
    List<InstanceEvent> events = lab.events("b", 4);
    assertEquals(List.of("started", "startup", "health-changed", "master-down"), InstanceLab.kinds(events));
    assertEquals(List.of("chk", "true", "exited with status 0", "100", "160", "[]"), describe((HealthChanged) events.get(2)));
  }

  @Test
  void checksRunOncePerIntervalAndNeverBlockTheRouter() {
    Node a = startTracking("a", 11, 150, 0, 1, 1);
    for (int i = 0; i < 10; i++) {
      nextRun();
    }
    assertEquals(11, check.runs.get());
    assertEquals(VrrpState.MASTER, lab.status(a).state());
  }

  @Test
  void healthChangedSurvivesJsonRoundTrip() {
    HealthChanged event = new HealthChanged(InstanceEvent.SCHEMA_VERSION, Instant.parse("2024-05-01T10:00:00.123Z"),
        "lb01", "VI_1", "chk_nginx", false, "exited with status 1", 150, 90, List.of("chk_web"));
    assertEquals(event, new SerializationTestKit(lab.kit.system()).verifySerialization(event, true));
  }

  /** One interval of manual time, and the one run it brings (the next run is armed as a run starts). */
  private void nextRun() {
    int before = check.runs.get();
    lab.time.timePasses(Duration.ofMillis(1000));
    awaitRuns(before + 1);
  }

  private void awaitRuns(int runs) {
    lab.wire.awaitAssert(Duration.ofSeconds(3), () -> {
      assertEquals(runs, check.runs.get());
      return null;
    });
  }
}
