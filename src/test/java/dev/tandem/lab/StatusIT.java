package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code tandem status} run on each node of a pair against its controller's status endpoint. Both
 * controllers use the default address and port: each node has its own loopback.
 */
class StatusIT extends TwoNodeLab {

  @Test
  void statusOnEachNodeShowsItsOwnState() {
    Pair pair = startPair(Daemon.TANDEM, Daemon.TANDEM, LabInstance.v3("VI_1", 71, 150, "192.0.2.171/24"));
    // The endpoint opens after the instances; generous on a loaded machine.
    assertTrue(Lab.waitFor(BOUND, () -> pair.onLb1().log().contains("Status on http://127.0.0.1:8870/status")
        && pair.onLb2().log().contains("Status on http://127.0.0.1:8870/status")), pair.onLb1().log() + pair.onLb2().log());

    String onLb1 = status(lb1);
    String onLb2 = status(lb2);

    assertTrue(onLb1.lines().anyMatch(l -> l.matches("VI_1 +eth0 +71 +MASTER +150/150 +192\\.0\\.2\\.11 \\(self\\) +"
        + "192\\.0\\.2\\.171/24 .*")), onLb1);
    assertTrue(onLb2.lines().anyMatch(l -> l.matches("VI_1 +eth0 +71 +BACKUP +100/100 +192\\.0\\.2\\.11 \\(prio 150\\) .*")),
        onLb2);
    System.out.printf("tandem status on lb1:%n%s%ntandem status on lb2:%n%s%n", onLb1, onLb2);

    // keepalived's SIGUSR1 data dump: the same JSON, in the working directory (the node's directory).
    Path dump = lab.journalDir(lb1).resolveSibling("tandem-status.json");
    Commands.run(List.of("kill", "-USR1", Long.toString(pair.onLb1().pid())));
    assertTrue(Lab.waitFor(BOUND, () -> Files.exists(dump)), pair.onLb1().log());
    assertTrue(read(dump).contains("\"state\" : \"MASTER\""), read(dump));
    assertTrue(pair.onLb1().isRunning(), "SIGUSR1 does not stop the controller");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String status(LabNode node) {
    List<String> command = new ArrayList<>(Lab.tandemCommand(jar));
    command.add("status");
    return lab.exec(node, command.toArray(String[]::new));
  }
}
