package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.instance.InstanceLab.Seen;
import dev.tandem.vrrp.VrrpState;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.query.javadsl.PersistenceTestKitReadJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The instance's journal has not finished recovering (held by {@link HeldJournal}) when the
 * operator stops it: the router still runs, answers status, and sends the priority-0 advert and
 * releases the VIP at once; only the end of the stop waits for the journal (seen in TandemPairIT
 * under load: the stop timed out and the last advert kept priority 150).
 */
class SlowRecoveryTest {
  private final InstanceLab lab;

  SlowRecoveryTest() {
    HeldJournal.hold();
    lab = new InstanceLab(ConfigFactory.parseString(HeldJournal.CONFIG).withFallback(InstanceLab.IN_MEMORY_JOURNAL),
        PersistenceTestKitReadJournal.Identifier());
  }

  @AfterEach
  void close() {
    HeldJournal.release();
    lab.close();
  }

  @Test
  void aStopDuringRecoverySendsThePriorityZeroAdvertAtOnce() {
    Node a = lab.start("a", 11, TestInstances.vi1(150, true));
    lab.quietFor(3413);
    lab.advertAfter(1, new Seen("192.0.2.11", 150));
    lab.awaitAddresses(a, List.of("192.0.2.100/24"));
    assertEquals(VrrpState.MASTER, lab.status(a).state());
    assertEquals(0, HeldJournal.writes(), "still recovering: nothing journaled yet");

    TestProbe<Done> stopped = lab.kit.createTestProbe();
    a.instance().tell(new InstanceCommand.Stop(stopped.getRef(), false, "operator stop"));
    lab.wire.expectMessage(new Seen("192.0.2.11", 0));
    lab.awaitAddresses(a, List.of());
    stopped.expectNoMessage();

    HeldJournal.release();
    stopped.expectMessage(Done.getInstance());
    assertEquals(1, HeldJournal.writes(), "the start, the takeover and the stop, held, then written in one go");
  }
}
