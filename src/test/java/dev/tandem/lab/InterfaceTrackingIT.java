package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.app.JournalDatabase;
import dev.tandem.instance.HealthChanged;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.StateChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interface tracking with real links: the master on lb1 loses a tracked second interface (a veth
 * pair inside lb1's namespace) or its own eth0, and the backup on lb2 takes over; when the link
 * comes back the master preempts back. Bounds are generous: the machine is shared and loaded.
 */
class InterfaceTrackingIT extends TwoNodeLab {
  private static final String TRACKED = "eth1";

  @Test
  void trackedInterfaceDownLowersTheMasterBelowTheBackupAndUpLetsItPreemptBack() {
    lab.ip(lb1, "link", "add", TRACKED, "type", "veth", "peer", "name", TRACKED + "p");
    lab.ip(lb1, "link", "set", TRACKED + "p", "up");
    lab.ip(lb1, "link", "set", TRACKED, "up");
    LabInstance plain = LabInstance.v3("VI_1", 66, 150, "192.0.2.106/24");
    Pair pair = startPair(Daemon.TANDEM, Daemon.TANDEM, plain.trackingInterface(TRACKED, -60),
        plain.withPriority(100).startingAsBackup());

    Instant down = Instant.now();
    lab.ip(lb1, "link", "set", TRACKED, "down");
    awaitHandover(pair, lb1, lb2, down);
    String log = pair.onLb1().log();
    assertTrue(log.contains("Netlink reports eth1 down"), log);
    assertTrue(log.contains("(VI_1) Changing effective priority from 150 to 90"), log);

    Instant up = Instant.now();
    lab.ip(lb1, "link", "set", TRACKED, "up");
    awaitHandover(pair, lb2, lb1, up);
    assertTrue(pair.onLb1().log().contains("(VI_1) Changing effective priority from 90 to 150"), pair.onLb1().log());
  }

  @Test
  void ownInterfaceDownPutsTheMasterInFaultTheBackupTakesOverAndUpLetsItPreemptBack() throws Exception {
    Pair pair = startPair(Daemon.TANDEM, Daemon.TANDEM, LabInstance.v3("VI_1", 67, 150, "192.0.2.107/24"));
    Instant down = Instant.now();
    lab.ip(lb1, "link", "set", LabNode.INTERFACE, "down");
    assertTrue(Lab.waitFor(BOUND, () -> pair.onLb1().log().contains("(VI_1) Entering FAULT STATE")),
        pair.onLb1().log());
    assertTrue(pair.onLb1().log().contains("Netlink reports eth0 down"), pair.onLb1().log());
    awaitHandover(pair, lb1, lb2, down);

    Instant up = Instant.now();
    lab.ip(lb1, "link", "set", LabNode.INTERFACE, "up");
    awaitHandover(pair, lb2, lb1, up);
    String log = pair.onLb1().log();
    assertTrue(log.contains("Netlink reports eth0 up") && log.contains("(VI_1) all tracked checks and interfaces healthy"
        + " again"), log);
    // The capture on eth0 outlives the link going down: the node still hears its peer afterwards.
    assertFalse(log.contains("receiving on eth0 stopped"), log);
    assertTrue(log.substring(log.indexOf("Netlink reports eth0 up")).contains("advert from 192.0.2.12"), log);

    assertEquals(0, pair.onLb1().terminate(BOUND), "the journal is read once its process has stopped");
    List<String> journaled = JournalDatabase.readAll(List.of(lab.journalDir(lb1))).stream()
        .filter(e -> e.at().isAfter(down)).map(InterfaceTrackingIT::describe).toList();
    assertEquals(List.of("health-changed interface eth0 false [interface eth0]", "MASTER -> FAULT fault",
        "health-changed interface eth0 true []", "FAULT -> BACKUP fault-cleared", "BACKUP -> MASTER master-down",
        "MASTER -> INITIALIZE shutdown", "stopped"), journaled);
  }

  private static String describe(InstanceEvent event) {
    if (event instanceof HealthChanged h) {
      return "health-changed " + h.check() + " " + h.healthy() + " " + h.faults();
    }
    return event instanceof StateChanged s ? s.from() + " -> " + s.to() + " " + s.cause().kind() : "stopped";
  }

  /** {@code to} takes over from {@code from} on the wire after {@code since}, and holds the VIP alone. */
  private void awaitHandover(Pair pair, LabNode from, LabNode to, Instant since) {
    assertTrue(capture.awaitHandover(pair.master().vrid(), from.address(), to.address(), since, BOUND).isPresent(),
        () -> to.name() + " takes over from " + from.name() + ": " + pair.onLb1().log() + pair.onLb2().log());
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(to, pair.vip()) && !lab.holds(from, pair.vip())),
        () -> to.name() + " alone holds the VIP: " + pair.onLb1().log() + pair.onLb2().log());
  }
}
