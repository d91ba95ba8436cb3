package dev.tandem.app;

import static dev.tandem.audit.Events.changedIn;
import static dev.tandem.audit.Events.plain;
import static dev.tandem.vrrp.VrrpState.BACKUP;
import static dev.tandem.vrrp.VrrpState.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.audit.AuditFilter;
import dev.tandem.audit.Events;
import dev.tandem.audit.JournalEntry;
import dev.tandem.testsupport.JournalFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan's three ways of reading an instance (one pass over the table, a pass whose waiting cursor
 * falls back to the index, the index alone) hand the merge the same events in the same order, over a
 * journal whose insertion order is far from time order: each node's events were written in one
 * block, lb2's after lb1's, with another instance's between them.
 */
class JournalScanTest {
  // more than a page (1000 rows) of each persistence id
  private static final int PER_NODE = 1500;

  @TempDir
  Path dir;

  @Test
  void everyWayOfReadingMergesTheSameEventsInTimeOrder() throws IOException, SQLException {
    Path journal = dir.resolve("journal");
    List<JournalEntry> written = new ArrayList<>();
    try (JournalFixture fixture = JournalFixture.create(journal)) {
      for (String node : List.of("lb1", "lb2")) {
        for (String instance : List.of("VI_1", "VI_2")) {
          for (int i = 0; i < PER_NODE; i++) {
            // lb2's events fall between lb1's in time
            var event = changedIn(instance, node, 2 * i + (node.equals("lb2") ? 1 : 0), BACKUP, MASTER,
                plain("startup"), 100);
            fixture.append(event);
            written.add(JournalEntry.of(event));
          }
        }
      }
    }
    Map<String, List<String>> expected = new LinkedHashMap<>();
    written.stream().sorted(Comparator.comparing(JournalEntry::at))
        .forEach(e -> expected.computeIfAbsent(e.instance(), i -> new ArrayList<>()).add(describe(e)));

    assertEquals(expected, read(journal, JournalScan.Reading.DEFAULT), "one pass");
    assertEquals(expected, read(journal, new JournalScan.Reading(JournalScan.Reading.DEFAULT.indexCost(), 1)),
        "a pass holding at most one event: lb2's cursor reads by the index");
    assertEquals(expected, read(journal, new JournalScan.Reading(0, 1)), "the index alone");
  }

  @Test
  void anUnreadableEventIsNamedWhicheverWayItIsRead() throws IOException, SQLException {
    Path journal = dir.resolve("journal");
    try (JournalFixture fixture = JournalFixture.create(journal)) {
      fixture.append(changedIn("VI_1", "lb1", 0, BACKUP, MASTER, plain("startup"), 100));
      fixture.appendJson("lb1", "VI_1", "{not json", Events.at(1).toEpochMilli());
    }
    for (JournalScan.Reading reading : List.of(JournalScan.Reading.DEFAULT, new JournalScan.Reading(0, 1))) {
      JournalUnreadable e = assertThrows(JournalUnreadable.class, () -> read(journal, reading));
      assertTrue(e.getMessage().startsWith("event 2 of vrrp|lb1|VI_1 is unreadable: "), e.getMessage());
    }
  }

  private static Map<String, List<String>> read(Path journal, JournalScan.Reading reading) throws SQLException {
    Map<String, List<String>> read = new LinkedHashMap<>();
    try (JournalScan scan = JournalScan.open(List.of(journal), reading)) {
      scan.forEachInstance(AuditFilter.ALL, (instance, entries) -> {
        List<String> events = read.computeIfAbsent(instance, i -> new ArrayList<>());
        entries.forEachRemaining(e -> events.add(describe(e)));
      });
    }
    return read;
  }

  private static String describe(JournalEntry e) {
    return e.at() + " " + e.node() + " " + e.instance() + " " + e.kind();
  }
}
