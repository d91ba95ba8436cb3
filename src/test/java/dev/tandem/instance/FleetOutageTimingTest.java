package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.app.JournalDatabase;
import dev.tandem.config.FleetConfig;
import dev.tandem.fleet.FleetProgress;
import dev.tandem.fleet.FleetReplicator;
import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.instance.InstanceLab.Seen;
import dev.tandem.vrrp.VrrpState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet database that cannot be reached does not touch VRRP: with the replicator failing and
 * retrying beside them, instances on the embedded H2 journal elect and take over at exactly the
 * manual-time instants of VrrpInstanceTest (Master_Down_Interval 3414 ms for priority 150,
 * 3609 ms for 100).
 */
class FleetOutageTimingTest {
  private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/tandem";

  @TempDir
  Path dir;

  @Test
  void electionAndTakeoverKeepTheirTimingWhileTheFleetDatabaseIsDown() throws Exception {
    JournalDatabase db = new JournalDatabase(dir);
    db.ensureSchema();
    BlockingQueue<FleetProgress> rounds = new LinkedBlockingQueue<>();
    try (InstanceLab lab = new InstanceLab(ManualTime.config().withFallback(db.actorSystemConfig()), JdbcReadJournal.Identifier());
        FleetReplicator replicator = FleetReplicator.start(lab.kit.system(),
            new FleetConfig(UNREACHABLE, "tandem", Optional.empty(), Optional.empty(), Duration.ofMillis(10), 500),
            "a", db.identity(), rounds::add)) {
      FleetProgress first = rounds.poll(30, TimeUnit.SECONDS);
      assertTrue(first != null && first.failure().isPresent(), "the replicator is failing: " + first);

      Node[] nodes = lab.elect();
      nodes[0].link().cut(true);
      lab.quietFor(3608);
      lab.advertAfter(1, new Seen("192.0.2.12", 100));
      lab.awaitState(nodes[1], VrrpState.MASTER);
      assertEquals(VrrpState.MASTER, ((StateChanged) lab.events("b", 3).get(2)).to(), "journaled locally all along");

      FleetProgress later = rounds.poll(30, TimeUnit.SECONDS);
      assertTrue(later != null && later.failure().isPresent() && later.totalShipped() == 0,
          "still failing, nothing shipped: " + later);
    }
  }
}
