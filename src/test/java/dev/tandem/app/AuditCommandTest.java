package dev.tandem.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.audit.EventJson;
import dev.tandem.audit.Events;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.testsupport.JournalFixture;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `tandem audit` and `tandem journal prune` in-process over two nodes' journals (lb1 killed as
 * Master, lb2 takes over, lb1 restarts and preempts it), with captured output.
 */
class AuditCommandTest {
  @TempDir
  Path dir;

  private Path lb1;
  private Path lb2;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void journals() throws IOException, SQLException {
    lb1 = dir.resolve("lb1");
    lb2 = dir.resolve("lb2");
    try (JournalFixture one = JournalFixture.create(lb1); JournalFixture two = JournalFixture.create(lb2)) {
      for (InstanceEvent e : Events.crashAndPreemption()) {
        (e.node().equals("lb1") ? one : two).append(e);
      }
      two.appendJson("lb2", "VI_1", "{\"type\":\"split-brain\",\"schema\":2,\"at\":\"2026-11-01T10:01:00Z\","
          + "\"node\":\"lb2\",\"instance\":\"VI_1\",\"peer\":\"192.0.2.11\"}", Events.at(60).toEpochMilli());
    }
  }

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine(HostProbe.system());
    commandLine.setOut(new PrintWriter(new BufferedWriter(out), true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void theClusterViewPairsOneNodesLossWithTheOthersTakeover() {
    assertEquals(0, run("audit", "--journal", lb1.toString(), "--journal", lb2.toString()), err.toString());

    String text = out.toString();
    assertTrue(text.startsWith("== VI_1 ==\ntimeline:\n"), text);
    assertEquals(11, text.lines().filter(l -> l.matches("  2026-11-01 .*")).count(), text);
    assertTrue(text.contains("  lb1 lost MASTER (crashed while Master"), text);
    assertTrue(text.contains("-> lb2 became MASTER at "), text);
    assertTrue(text.contains("gap 3.400 s"), text);
    assertTrue(text.contains("crashes:\n  lb1 restarted at "), text);
    assertTrue(text.contains("  failovers: 2\n  longest gap: 3.400 s"), text);
    assertTrue(text.contains("other events (in the timeline, not analysed): split-brain x1"), text);
    assertTrue(text.contains("lb2  VI_1  split-brain: peer=192.0.2.11"), text);
  }

  @Test
  void jsonIsOneObjectPerLineWithAType() throws IOException {
    assertEquals(0, run("audit", "--journal", lb1.toString(), "--journal", lb2.toString(), "--json"), err.toString());

    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      lines.add(EventJson.MAPPER.readTree(line));
    }
    assertEquals(Set.of("event", "episode", "crash", "totals"),
        lines.stream().map(l -> l.get("type").asText()).collect(Collectors.toSet()));
    JsonNode first = lines.stream().filter(l -> l.get("type").asText().equals("episode")).findFirst().orElseThrow();
    assertEquals(3400.0, first.get("gapMs").asDouble());
    assertEquals("silent", first.get("handover").asText());
    JsonNode totals = lines.get(lines.size() - 1);
    assertEquals(2, totals.get("failovers").asInt());
    assertEquals(1, totals.get("otherKinds").get("split-brain").asInt());
  }

  @Test
  void htmlIsOneSelfContainedPageWithATimeline() throws IOException {
    Path page = dir.resolve("audit.html");

    assertEquals(0, run("audit", "--journal", lb1.toString(), "--journal", lb2.toString(), "--html", page.toString()));

    String html = Files.readString(page);
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>\n"));
    assertTrue(html.contains("<svg "), html);
    assertEquals(2, html.split("stroke=\"#ef6c00\"", -1).length - 1, "one marker per episode");
    for (String external : List.of("src=", "href=", "url(", "<script", "<link", "@import")) {
      assertFalse(html.contains(external), external);
    }
  }

  @Test
  void oneNodesJournalWithANodeFilterAndAWindow() {
    assertEquals(0, run("audit", "--journal", lb2.toString(), "--node", "lb2", "--since", "2026-11-01T10:01:00Z",
        "--until", "2026-11-01T10:03:00Z"));

    String text = out.toString();
    assertEquals(2, text.lines().filter(l -> l.startsWith("  2026-11-01 ")).count(), text);
    assertTrue(text.contains("-> 192.0.2.11 (no journal read) became MASTER"), text);
    assertTrue(text.contains("  failovers: 1\n"), text);
  }

  @Test
  void badArgumentsAreOneLineAndExit2() {
    assertEquals(2, run("audit", "--journal", lb1.toString(), "--since", "yesterday"));
    assertTrue(err.toString().contains("\"yesterday\" is not a time"), err.toString());
    assertEquals(2, run("audit", "--journal", dir.resolve("none").toString()));
    assertTrue(err.toString().contains("no journal in " + dir.resolve("none")), err.toString());
    assertEquals(2, run("audit", "--journal", lb1.toString(), "--instance", "VI_9"));
    assertTrue(err.toString().contains("no instance VI_9 in the journal(s); they hold VI_1"), err.toString());
    assertEquals(2, run("audit", "--journal", lb1.toString(), "--json", "--html", "x.html"));
    assertEquals(2, run("audit", "--journal", lb1.toString(), "--since", "2026-11-02", "--until", "2026-11-01"));
    assertEquals(2, run("journal"));
    assertEquals(2, run("journal", "prune", "--journal", lb1.toString()));
    assertFalse(err.toString().contains("Exception"), err.toString());
  }

  @Test
  void pruneDeletesOldEventsButKeepsEachInstancesLastTransition() throws SQLException {
    assertEquals(0, run("journal", "prune", "--before", "2030-01-01", "--journal", lb1.toString()));

    assertTrue(out.toString().startsWith("tandem journal prune: deleted 5 event(s) written before "), out.toString());
    List<InstanceEvent> left = JournalDatabase.readAll(List.of(lb1));
    assertEquals(List.of(Events.crashAndPreemption().get(8)), left);
  }
}
