package dev.tandem.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.config.AuthType;
import dev.tandem.config.ChecksumMode;
import dev.tandem.config.CheckSpec;
import dev.tandem.config.GarpConfig;
import dev.tandem.config.InitialState;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.NotifyConfig;
import dev.tandem.config.Origin;
import dev.tandem.config.ScriptConfig;
import dev.tandem.config.TrackInterface;
import dev.tandem.config.TrackScriptRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** keepalived 2.2.7's aggregation of tracked sources into effective priority and fault set. */
class TrackingTest {
  private static TrackedSource source(String name, int weight) {
    return new TrackedSource(name, weight, RiseFall.start(1, 1));
  }

  private static Tracking tracking(int base, TrackedSource... sources) {
    return new Tracking(base, List.of(sources));
  }

  @ParameterizedTest(name = "weight {0}, {1} -> delta {2}, faulty {3}")
  @CsvSource({
      "20, UNKNOWN, 0, false",
      "20, HEALTHY, 20, false",
      "20, FAILED, 0, false",
      "-20, UNKNOWN, 0, false",
      "-20, HEALTHY, 0, false",
      "-20, FAILED, -20, false",
      "0, UNKNOWN, 0, false",
      "0, HEALTHY, 0, false",
      "0, FAILED, 0, true"})
  void weightRules(int weight, Health health, int delta, boolean faulty) {
    RiseFall counter = health == Health.UNKNOWN ? RiseFall.start(1, 1) : RiseFall.start(1, 1).after(health == Health.HEALTHY);
    TrackedSource source = new TrackedSource("chk", weight, counter);
    assertEquals(delta, source.priorityDelta());
    assertEquals(faulty, source.faulty());
  }

  @Test
  void nothingHeardYetLeavesTheConfiguredPriority() {
    Tracking t = tracking(100, source("up", 50), source("down", -30), source("fault", 0));
    assertEquals(100, t.effectivePriority());
    assertEquals(List.of(), t.faults());
  }

  @Test
  void deltasAddUp() {
    Tracking t = tracking(100, source("a", 20), source("b", -30), source("c", 5))
        .after("a", true).after("b", false).after("c", true);
    assertEquals(95, t.effectivePriority());
    assertEquals(125, t.after("b", true).effectivePriority());
    assertEquals(70, t.after("a", false).after("c", false).effectivePriority());
  }

  @ParameterizedTest(name = "base {0} + {1} -> {2}")
  @CsvSource({
      "100, 200, 254",
      "100, 154, 254",
      "100, 153, 253",
      "100, -99, 1",
      "100, -100, 1",
      "100, -253, 1",
      "1, 253, 254",
      "254, -253, 1",
      "255, -253, 255",
      "255, 100, 255"})
  void effectivePriorityStaysWithinOneTo254AndOwnersNeverMove(int base, int delta, int expected) {
    Tracking t = tracking(base, source("chk", delta)).after("chk", delta > 0);
    assertEquals(expected, t.effectivePriority());
    assertEquals(expected, Tracking.effectivePriority(base, base + delta));
  }

  @Test
  void weightZeroFailuresMakeTheFaultSetInTrackingOrder() {
    Tracking t = tracking(100, source("b", 0), source("a", 0), source("w", -10));
    assertEquals(List.of("b", "a"), t.after("a", false).after("b", false).after("w", false).faults());
    assertEquals(List.of("a"), t.after("a", false).after("b", true).faults());
    assertEquals(List.of(), t.after("a", false).after("a", true).faults());
  }

  @Test
  void anOwnerStillFaults() {
    Tracking t = tracking(255, source("chk", 0)).after("chk", false);
    assertEquals(List.of("chk"), t.faults());
    assertEquals(255, t.effectivePriority());
  }

  @Test
  void riseAndFallDelayTheEffect() {
    Tracking t = new Tracking(100, List.of(new TrackedSource("chk", -50, RiseFall.start(2, 3))))
        .after("chk", true);
    assertEquals(100, t.effectivePriority());
    t = t.after("chk", false).after("chk", false);
    assertEquals(100, t.effectivePriority(), "two failures of fall 3");
    t = t.after("chk", false);
    assertEquals(50, t.effectivePriority());
    t = t.after("chk", true);
    assertEquals(50, t.effectivePriority(), "one success of rise 2");
    assertEquals(100, t.after("chk", true).effectivePriority());
  }

  @Test
  void anUntrackedNameIsAnError() {
    assertThrows(NoSuchElementException.class, () -> tracking(100, source("a", 0)).after("b", true));
  }

  @Test
  void theInstancesWeightOverridesTheScripts() {
    Map<String, ScriptConfig> scripts = Map.of(
        "chk_nginx", script("chk_nginx", -20, 2, 3),
        "chk_web", script("chk_web", 10, 1, 1));
    InstanceConfig vi = instance(150, List.of(
        new TrackScriptRef("chk_nginx", OptionalInt.empty(), new Origin("t", 1)),
        new TrackScriptRef("chk_web", OptionalInt.of(0), new Origin("t", 2))), List.of(), true);
    Tracking t = Tracking.of(vi, scripts);
    assertEquals(new Tracking(150, List.of(
        new TrackedSource("chk_nginx", -20, RiseFall.start(2, 3)),
        new TrackedSource("chk_web", 0, RiseFall.start(1, 1)))), t);
  }

  @Test
  void theOwnInterfaceIsTrackedWithWeightZeroThenEachTrackedInterfaceOnce() {
    InstanceConfig vi = instance(100, List.of(), List.of(new TrackInterface("eth1", -20),
        new TrackInterface("eth0", -50), new TrackInterface("eth2", 0)), false);
    assertEquals(new Tracking(100, List.of(
        new TrackedSource("interface eth0", 0, RiseFall.start(1, 1)),
        new TrackedSource("interface eth1", -20, RiseFall.start(1, 1)),
        new TrackedSource("interface eth2", 0, RiseFall.start(1, 1)))), Tracking.of(vi, Map.of()));
  }

  @Test
  void dontTrackPrimaryLeavesTheOwnInterfaceOutUnlessTrackedByName() {
    assertEquals(List.of(), Tracking.of(instance(100, List.of(), List.of(), true), Map.of()).sources());
    InstanceConfig vi = instance(100, List.of(), List.of(new TrackInterface("eth0", -50)), true);
    assertEquals(List.of(new TrackedSource("interface eth0", -50, RiseFall.start(1, 1))),
        Tracking.of(vi, Map.of()).sources());
  }

  @Test
  void anInterfaceCountsFromItsFirstReport() {
    InstanceConfig vi = instance(100, List.of(), List.of(new TrackInterface("eth1", -20)), false);
    Tracking down = Tracking.of(vi, Map.of()).after("interface eth0", true).after("interface eth1", false);
    assertEquals(80, down.effectivePriority());
    assertEquals(List.of(), down.faults());
    Tracking ownDown = down.after("interface eth0", false);
    assertEquals(List.of("interface eth0"), ownDown.faults());
    assertEquals(100, ownDown.after("interface eth1", true).effectivePriority());
  }

  private static ScriptConfig script(String name, int weight, int rise, int fall) {
    return new ScriptConfig(name, new CheckSpec.Script("/bin/true"), Duration.ofSeconds(1), Duration.ofSeconds(1),
        weight, rise, fall, Optional.empty(), new Origin("t", 0));
  }

  private static InstanceConfig instance(int priority, List<TrackScriptRef> tracked, List<TrackInterface> interfaces,
      boolean dontTrackPrimary) {
    return new InstanceConfig("VI_1", InitialState.BACKUP, "eth0", 51, priority, Duration.ofSeconds(1), 2, true,
        Duration.ZERO, AuthType.NONE, "", List.of(), ChecksumMode.WITH_PSEUDO_HEADER,
        new GarpConfig(Duration.ofSeconds(5), 5, Duration.ZERO, 1), Optional.empty(), List.of(), tracked, interfaces, dontTrackPrimary,
        NotifyConfig.none(), Optional.empty(), new Origin("t", 0));
  }
}
