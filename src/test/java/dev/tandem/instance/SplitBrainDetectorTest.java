package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.config.SplitBrainAction;
import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.wire.DecodedFrame;
import dev.tandem.wire.FrameDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances with split-brain detectors on an in-memory segment whose VRRP frames are dropped
 * (ICMP and ARP pass), under manual time: both become Master, the lower priority yields at once,
 * and it returns to Backup when the adverts pass again.
 */
class SplitBrainDetectorTest {
  private static final Duration STEP = Duration.ofMillis(100);
  private final InstanceLab lab = new InstanceLab();

  @AfterEach
  void close() {
    lab.close();
  }

  private Node[] dualMaster() {
    lab.network.drop(frame -> !(FrameDecoder.decode(frame) instanceof DecodedFrame.NotVrrp));
    Node a = lab.start("a", 11, TestInstances.withSplitBrain(150, "192.0.2.12", SplitBrainAction.YIELD));
    Node b = lab.start("b", 12, TestInstances.withSplitBrain(100, "192.0.2.11", SplitBrainAction.YIELD));
    // Past both Master_Down_Intervals (3414 ms and 3609 ms): both take over, as keepalived would.
    pass(3700);
    lab.awaitState(a, VrrpState.MASTER);
    lab.awaitState(b, VrrpState.MASTER);
    return new Node[] {a, b};
  }

  /** In 100 ms steps: each timer fires, and each message it sends is handled, in its own step. */
  private void pass(long millis) {
    for (long done = 0; done < millis; done += STEP.toMillis()) {
      lab.time.timePasses(STEP);
    }
  }

  @Test
  void withVrrpBlockedTheLowerPriorityYieldsWithEvidenceAndReturnsToBackupWhenAdvertsPassAgain() {
    Node[] nodes = dualMaster();
    // a has reported Master since 3414 ms: after a whole advert window (3 s) without its adverts, b yields.
    pass(2000);
    assertEquals(VrrpState.MASTER, lab.status(nodes[1]).state());
    pass(2000);
    lab.awaitState(nodes[1], VrrpState.FAULT);
    lab.awaitAddresses(nodes[1], List.of());
    assertEquals(VrrpState.MASTER, lab.status(nodes[0]).state());
    lab.awaitAddresses(nodes[0], List.of("192.0.2.100/24"));

    lab.network.drop(frame -> false);
    pass(1000);
    lab.awaitState(nodes[1], VrrpState.BACKUP);
    assertEquals(VrrpState.MASTER, lab.status(nodes[0]).state());

    // started, Backup, Master, Fault, yielded, resumed, Backup
    List<InstanceEvent> events = lab.events("b", 7);
    SplitBrainChanged yielded = only(events, true);
    assertEquals(Optional.of("192.0.2.11"), yielded.peer());
    assertEquals(Optional.of("MASTER"), yielded.peerState());
    assertEquals(Optional.of(150), yielded.peerPriority());
    assertEquals(100, yielded.ownPriority());
    assertTrue(yielded.detail().startsWith("split-brain: peer 192.0.2.11 is Master too"), yielded.detail());
    assertEquals("split brain over: VRRP adverts from the peer arrive again", only(events, false).detail());
    assertTrue(events.stream().anyMatch(e -> e instanceof StateChanged c && c.to() == VrrpState.FAULT
        && c.cause().kind().equals("fault") && c.cause().detail().startsWith("split-brain: ")), events.toString());
    lab.events("a", 3);
  }

  @Test
  void theSplitBrainEventRoundTripsThroughTheJournalsJson() throws Exception {
    SplitBrainChanged event = new SplitBrainChanged(InstanceEvent.SCHEMA_VERSION, Instant.parse("2026-01-02T03:04:05Z"),
        "lb2", "VI_1", true, "split-brain: peer 192.0.2.11 is Master too", Optional.of("192.0.2.11"),
        Optional.of("MASTER"), Optional.of(150), 100, Map.of("192.0.2.100", "02:00:00:00:00:11"));
    Serialization serialization = SerializationExtension.get(lab.kit.system());
    Serializer serializer = serialization.findSerializerFor(event);
    byte[] bytes = serialization.serialize(event).get();
    String json = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(json.contains("\"type\":\"split-brain\""), json);
    assertTrue(json.contains("\"192.0.2.100\":\"02:00:00:00:00:11\""), json);
    assertEquals(event, serialization.deserialize(bytes, serializer.identifier(),
        Serializers.manifestFor(serializer, event)).get());
  }

  private static SplitBrainChanged only(List<InstanceEvent> events, boolean yielded) {
    List<SplitBrainChanged> found = events.stream().filter(e -> e instanceof SplitBrainChanged s && s.yielded() == yielded)
        .map(SplitBrainChanged.class::cast).toList();
    assertEquals(1, found.size(), events.toString());
    return found.get(0);
  }
}
