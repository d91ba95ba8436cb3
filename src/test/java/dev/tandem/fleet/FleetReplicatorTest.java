package dev.tandem.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.config.ConfigLoader;
import dev.tandem.config.ControllerConfig;
import dev.tandem.config.FleetConfig;
import dev.tandem.config.HostFacts;
import dev.tandem.config.LoadResult;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.testsupport.PostgresCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replicator against a real PostgreSQL (src/scripts/postgres.sh, on 127.0.0.1): every local
 * event lands once, whatever happens to PostgreSQL or to the replicator in between.
 */
class FleetReplicatorTest {
  @RegisterExtension
  static final PostgresCluster POSTGRES = new PostgresCluster();

  @TempDir
  Path dir;

  @Test
  void twoNodesWithTheSameRouterIdLandDistinctly() throws Exception {
    String url = POSTGRES.newDatabase();
    ControllerConfig lb01 = seed003Node("lb01", url);
    ControllerConfig lb02 = seed003Node("lb02", url);
    assertEquals(lb01.global().routerId(), lb02.global().routerId());
    try (LocalNode a = new LocalNode(lb01.global().nodeId(), dir.resolve("a"));
        LocalNode b = new LocalNode(lb02.global().nodeId(), dir.resolve("b"))) {
      List<InstanceEvent> written = new ArrayList<>(a.append(3));
      written.addAll(b.append(3));
      a.replicate(lb01.fleet().orElseThrow());
      b.replicate(lb02.fleet().orElseThrow());
      a.awaitRound(r -> r.caughtUp() && r.totalShipped() == 3, "3 events shipped");
      b.awaitRound(r -> r.caughtUp() && r.totalShipped() == 3, "3 events shipped");

      assertEquals(List.of("lb01 vrrp|lb01|VI_1 1", "lb01 vrrp|lb01|VI_1 2", "lb01 vrrp|lb01|VI_1 3",
          "lb02 vrrp|lb02|VI_1 1", "lb02 vrrp|lb02|VI_1 2", "lb02 vrrp|lb02|VI_1 3"), rows(url));
      written.sort((x, y) -> x.at().compareTo(y.at()));
      assertEquals(written, FleetReader.readAll(lb01.fleet().orElseThrow()));
    }
  }

  @Test
  void anOutageIsCaughtUpWithNothingLostOrDuplicated() throws Exception {
    String url = POSTGRES.newDatabase();
    try (LocalNode node = new LocalNode("lb01", dir)) {
      node.append(3);
      node.replicate(fleet(url));
      node.awaitRound(r -> r.caughtUp() && r.totalShipped() == 3, "the first 3 events shipped");

      POSTGRES.stop();
      try {
        node.append(4);
        node.awaitRound(r -> r.failure().isPresent(), "the outage is noticed");
      } finally {
        POSTGRES.start();
      }
      node.awaitRound(r -> r.caughtUp() && r.totalShipped() == 7, "all 7 events shipped");
      assertEquals(sequence("lb01", 1, 7), rows(url));
    }
  }

  @Test
  void aRestartedReplicatorResumesFromTheStoredOffset() throws Exception {
    String url = POSTGRES.newDatabase();
    try (LocalNode node = new LocalNode("lb01", dir)) {
      node.append(3);
      FleetReplicator first = node.replicate(fleet(url));
      node.awaitRound(r -> r.caughtUp() && r.totalShipped() == 3, "the first 3 events shipped");
      first.close();
      assertEquals(sequence("lb01", 1, 3), rows(url));

      node.append(2);
      node.progress.clear();
      node.replicate(fleet(url));
      FleetProgress resumed = node.awaitRound(r -> r.events() > 0, "events shipped");
      assertEquals(2, resumed.totalShipped(), "only the events after the stored offset are read again");
      assertEquals(sequence("lb01", 1, 5), rows(url));
    }
  }

  @Test
  void aRecreatedLocalJournalShipsBesideTheLostOne() throws Exception {
    String url = POSTGRES.newDatabase();
    try (LocalNode lost = new LocalNode("lb01", dir.resolve("lost"))) {
      lost.append(2);
      lost.replicate(fleet(url));
      lost.awaitRound(r -> r.caughtUp() && r.totalShipped() == 2, "2 events shipped");
    }
    try (LocalNode recreated = new LocalNode("lb01", dir.resolve("recreated"))) {
      recreated.append(2);
      recreated.replicate(fleet(url));
      recreated.awaitRound(r -> r.caughtUp() && r.totalShipped() == 2, "2 events shipped");
    }
    assertEquals(4, FleetReader.readAll(fleet(url)).size());
  }

  /** Both nodes of seed 003 use router_id LVS_DEVEL; only their node ids differ. */
  private static ControllerConfig seed003Node(String nodeId, String url) {
    LoadResult result = ConfigLoader.loadText("tandem.global { node-id = " + nodeId + ", router-id = LVS_DEVEL }\n"
        + "tandem.fleet { url = \"" + url + "\", user = postgres, interval = 50ms }\n"
        + "tandem.instances.VI_1 { interface = eth0, virtual-router-id = 51, virtual-addresses = [\"192.0.2.100\"] }",
        nodeId + ".conf", new HostFacts(nodeId, Set.of(), false));
    return result.config().orElseThrow(() -> new AssertionError(result.problems()));
  }

  private static FleetConfig fleet(String url) {
    return new FleetConfig(url, "postgres", Optional.empty(), Optional.empty(), Duration.ofMillis(50), 2);
  }

  private static List<String> sequence(String node, int from, int to) {
    List<String> rows = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      rows.add(node + " vrrp|" + node + "|VI_1 " + i);
    }
    return rows;
  }

  /** Every stored event's key, in key order; a duplicate would show twice. */
  private static List<String> rows(String url) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT node, persistence_id, sequence_nr FROM tandem_fleet_event ORDER BY node, persistence_id, sequence_nr")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3));
      }
    }
    return rows;
  }
}
