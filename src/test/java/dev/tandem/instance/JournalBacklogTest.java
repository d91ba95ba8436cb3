package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.vrrp.VrrpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JournalBacklogTest {
  private final List<String> acks = new ArrayList<>();
  private final List<Boolean> written = new ArrayList<>();

  @Test
  void keepsTheNewestInOrderAndCountsWhatItDrops() {
    JournalBacklog backlog = new JournalBacklog(3);
    backlog.add(List.of(stop(1), stop(2)), ack("first"));
    backlog.add(List.of(stop(3), stop(4)), ack("second"));

    assertEquals(List.of(stop(2), stop(3), stop(4)), backlog.front(10));
    assertEquals(new HeldEvents(3, 1), backlog.counts());
    assertEquals(List.of(), acks, "the first hand-over's last event is still held");
  }

  @Test
  void aHandOverIsAcknowledgedWhenItsLastEventIsWrittenOrDropped() {
    JournalBacklog backlog = new JournalBacklog(2);
    backlog.add(List.of(stop(1)), ack("first"));
    backlog.add(List.of(stop(2), stop(3)), ack("second"));
    assertEquals(List.of("first"), acks, "dropped: never written, so nobody waits for it");

    backlog.written(1);
    assertEquals(List.of("first"), acks);
    backlog.written(1);
    assertEquals(List.of("first", "second"), acks);
    assertEquals(List.of(false, true), written, "the dropped hand-over is settled as not written");
    assertTrue(backlog.isEmpty());
    assertEquals(new HeldEvents(0, 1), backlog.counts());
  }

  @Test
  void eventsTheJournalAlreadyHasAreLetGoNotWrittenTwice() {
    JournalBacklog backlog = new JournalBacklog(10);
    backlog.add(IntStream.rangeClosed(1, 4).mapToObj(JournalBacklogTest::stop).toList(), Optional.empty());

    backlog.writtenThrough(stop(9));
    assertEquals(4, backlog.size(), "the journal's last event is not held: nothing was written");
    backlog.writtenThrough(stop(2));
    assertEquals(List.of(stop(3), stop(4)), backlog.front(10));
  }

  @Test
  void theStartEventGoesBeforeWhatIsAlreadyHeld() {
    JournalBacklog backlog = new JournalBacklog(10);
    backlog.add(List.of(stop(2)), Optional.empty());
    backlog.addFirst(stop(1));
    assertEquals(List.of(stop(1)), backlog.front(1));
  }

  private Optional<JournalBacklog.Settled> ack(String name) {
    return Optional.of(wasWritten -> {
      acks.add(name);
      written.add(wasWritten);
    });
  }

  /** A distinct event per second. */
  private static InstanceEvent stop(int second) {
    return new InstanceStopped(InstanceEvent.SCHEMA_VERSION, Instant.ofEpochSecond(second), "lb1", "VI_1",
        VrrpState.MASTER, "operator stop");
  }
}
