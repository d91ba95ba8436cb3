package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.instance.InstanceLab.Seen;
import dev.tandem.vrrp.VrrpState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.ProcessingSuccess;
import org.apache.pekko.persistence.testkit.StorageFailure;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal of the backup fails (every write and every recovery, as on a full disk) just before
 * it takes over: VRRP does not notice (the takeover is on time, the adverts keep their rhythm),
 * and once the journal is back every event of the outage is written, in order, once, with the time
 * it happened.
 */
class JournalFailureTest {
  /** Longer than the longest backoff (5 s plus 20 %): the restarted instance recovers within it. */
  private static final Duration BACKOFF_BOUND = Duration.ofSeconds(7);

  private final InstanceLab lab = new InstanceLab();
  private final AtomicBoolean down = new AtomicBoolean();

  JournalFailureTest() {
    PersistenceTestKit.create(lab.kit.system()).withPolicy((persistenceId, operation) ->
        down.get() && persistenceId.equals(InstanceLab.pid("b"))
            ? StorageFailure.create(new IOException("No space left on device"))
            : ProcessingSuccess.getInstance());
  }

  @AfterEach
  void close() {
    lab.close();
  }

  @Test
  void aTakeoverWhileTheJournalFailsIsOnTheWireAtOnceAndInTheJournalLater() {
    Node[] nodes = lab.elect();
    Node b = nodes[1];
    lab.events("b", 2);
    down.set(true);

    nodes[0].link().cut(true);
    lab.quietFor(3608);
    lab.advertAfter(1, new Seen("192.0.2.12", 100));
    lab.awaitState(b, VrrpState.MASTER);
    lab.awaitAddresses(b, List.of("192.0.2.100/24"));
    for (int i = 0; i < 4; i++) {
      lab.advertAfter(1000, new Seen("192.0.2.12", 100));
    }
    InstanceStatus master = lab.status(b);
    assertEquals(new HeldEvents(1, 0), master.journal(), "the takeover waits for the journal");

    // A stop during the outage: its events join the held ones (the router's wait for them ends at its bound).
    TestProbe<Done> stopped = lab.kit.createTestProbe();
    b.instance().tell(new InstanceCommand.Stop(stopped.getRef(), false, "operator stop"));
    lab.wire.expectMessage(new Seen("192.0.2.12", 0));
    lab.time.timePasses(Duration.ofSeconds(3));
    stopped.expectMessage(Done.getInstance());

    down.set(false);
    lab.time.timePasses(BACKOFF_BOUND);
    List<InstanceEvent> events = lab.events("b", 5);
    assertEquals(List.of("started", "startup", "master-down", "shutdown", "stopped"), InstanceLab.kinds(events));
    StateChanged takeover = (StateChanged) events.get(2);
    assertEquals(master.lastTransition().orElseThrow().at(), takeover.at(), "written with the time it happened");
  }
}
