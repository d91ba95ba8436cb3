package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.config.Origin;
import dev.tandem.config.SyncGroupConfig;
import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.vrrp.VrrpState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with VI_1 and VI_2 in sync group G1, under manual time. Node a (VI_1 150, VI_2
 * 140) tracks a check on VI_1 only; node b has both at 100.
 */
class SyncGroupTest {
  private static final SyncGroupConfig G1 = new SyncGroupConfig("G1", List.of("VI_1", "VI_2"), new Origin("test", 0));

  private final InstanceLab lab = new InstanceLab();
  private final FakeCheck check = new FakeCheck();

  @AfterEach
  void close() {
    lab.close();
  }

  private Node member(String node, int hostByte, String instance, int priority, boolean tracking,
      ActorRef<SyncGroup.Command> group) {
    var base = tracking ? TestInstances.vi1Tracking(priority, "chk") : TestInstances.vi1(priority, true);
    var config = instance.equals("VI_1") ? base : TestInstances.renamed(base, instance, 52, "192.0.2.101");
    return lab.start(node, hostByte, config, Map.of("chk", TestInstances.script("chk", 0, 1, 1)), script -> check,
        Optional.of(group), Optional.empty());
  }

  @Test
  void aTakeoverForcesTheOtherMemberToMasterAndAFaultMovesBothVipsToThePeer() {
    ActorRef<SyncGroup.Command> groupA = lab.kit.spawn(SyncGroup.create(G1));
    ActorRef<SyncGroup.Command> groupB = lab.kit.spawn(SyncGroup.create(G1));
    Node a1 = member("a", 11, "VI_1", 150, true, groupA);
    Node a2 = member("a", 11, "VI_2", 140, false, groupA);
    Node b1 = member("b", 12, "VI_1", 100, false, groupB);
    Node b2 = member("b", 12, "VI_2", 100, false, groupB);

    // VI_1 on a wins at its Master_Down_Interval (3414 ms), before VI_2's own (3453 ms): the group takes VI_2 along.
    lab.time.timePasses(Duration.ofMillis(3414));
    lab.awaitState(a1, VrrpState.MASTER);
    lab.awaitState(a2, VrrpState.MASTER);
    lab.awaitAddresses(a2, List.of("192.0.2.101/24"));
    StateChanged forced = (StateChanged) lab.events("a", "VI_2", 3).get(2);
    assertEquals(VrrpState.MASTER, forced.to());
    assertEquals("sync-group", forced.cause().kind());
    assertEquals("sync group G1: VI_1 entered MASTER", forced.cause().detail());
    lab.time.timePasses(Duration.ofMillis(100));
    lab.awaitState(b1, VrrpState.BACKUP);
    lab.awaitState(b2, VrrpState.BACKUP);

    // VI_1's check fails: VI_1 enters Fault and the group holds VI_2 in Fault too; both release, b takes both over.
    check.exitWith(1);
    lab.time.timePasses(Duration.ofMillis(1000));
    lab.awaitState(a1, VrrpState.FAULT);
    lab.awaitState(a2, VrrpState.FAULT);
    lab.awaitAddresses(a1, List.of());
    lab.awaitAddresses(a2, List.of());
    lab.time.timePasses(Duration.ofMillis(700));
    lab.awaitState(b1, VrrpState.MASTER);
    lab.awaitState(b2, VrrpState.MASTER);
    lab.awaitAddresses(b1, List.of("192.0.2.100/24"));
    lab.awaitAddresses(b2, List.of("192.0.2.101/24"));
    StateChanged held = (StateChanged) lab.events("a", "VI_2", 4).get(3);
    assertEquals(VrrpState.FAULT, held.to());
    assertEquals("sync group G1: VI_1 entered FAULT", held.cause().detail());

    // The check recovers: VI_1 leaves Fault and the group lets VI_2 go; both preempt b again.
    check.exitWith(0);
    lab.time.timePasses(Duration.ofMillis(1000));
    lab.awaitState(a1, VrrpState.BACKUP);
    lab.awaitState(a2, VrrpState.BACKUP);
    lab.time.timePasses(Duration.ofMillis(3500));
    lab.awaitState(a1, VrrpState.MASTER);
    lab.awaitState(a2, VrrpState.MASTER);
    lab.awaitState(b1, VrrpState.BACKUP);
    lab.awaitState(b2, VrrpState.BACKUP);
  }
}
