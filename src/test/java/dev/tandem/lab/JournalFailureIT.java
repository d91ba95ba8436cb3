package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.testsupport.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The master's journal disk fills up (a small tmpfs in a mount namespace of that tandem process
 * only, filled with dd through nsenter) and then nginx dies on it: VRRP does not wait for the
 * journal. The VIP moves to the peer and comes back as without the outage, one master at a time,
 * and the client (every 20 ms) loses only the failover's requests. Once the space is freed, the
 * transitions of the outage reach the journal, as the audit shows. Bounds are generous: the
 * machine runs several builds at once.
 */
class JournalFailureIT extends NginxPairLab {
  /** The restarted journal's backoff (at most 6 s), H2 reopening its file (3-4 s) and a loaded machine. */
  private static final Duration RESUME_BOUND = Duration.ofSeconds(40);
  private static final String JOURNAL_DISK = "8m";
  private static final String FAILED = "(VI_1) journal write failed: ";
  private static final String WRITABLE = "(VI_1) journal writable again: wrote ";
  private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  @Override
  void requireTools() {
    super.requireTools();
    Environment.requireOrSkip(Lab.installed("unshare") && Lab.installed("nsenter"),
        "unshare and nsenter (util-linux) put the journal on a disk of its own; not installed");
  }

  @Test
  void aFullJournalDiskCostsNoDualMasterNoExtraFailedRequestAndNoEvent() {
    LabCheck check = LabNginx.httpCheck();
    LabInstance master = LabInstance.v2("VI_1", 88, 150, "192.0.2.188/24").tracking(check);
    ServedPair pair = startServedPair(master, instance -> stopAfterTest(lab.startTandemOnSmallDisk(lb1, jar,
        LabConfigs.tandem(lb1, lab.nodes(), List.of(instance)), JOURNAL_DISK)));
    String vip = pair.vip();
    LabProcess first = pair.onLb1();
    LabProcess second = pair.onLb2();
    Instant start = Instant.now();

    inJournalNamespace(first, "sh", "-c", "dd if=/dev/zero of=" + lab.journalDir(lb1).resolve("filler")
        + " bs=64k 2>/dev/null; df -k " + lab.journalDir(lb1) + " | tail -1");

    Instant down = Instant.now();
    pair.lb1Nginx().kill();
    Duration failoverBound = Duration.ofSeconds(check.intervalSeconds()).multipliedBy(check.fall())
        .plus(pair.backup().masterDownInterval()).plus(BOUND);
    ClientRequest moved = client.awaitAnswerFrom(lb2, down, failoverBound)
        .orElseThrow(() -> new AssertionError("the VIP moves to lb2: " + first.log() + second.log()));
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, vip) && !lab.holds(lb1, vip)), first.log() + second.log());
    assertTrue(Lab.waitFor(BOUND, () -> first.log().contains(FAILED)), "the outage is logged: " + first.log());

    Instant back = Instant.now();
    pair.lb1Nginx().start();
    ClientRequest returned = client.awaitAnswerFrom(lb1, back,
            Duration.ofSeconds(check.intervalSeconds()).plus(master.masterDownInterval()).plus(BOUND))
        .orElseThrow(() -> new AssertionError("the VIP returns to lb1: " + first.log()));
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb1, vip) && !lab.holds(lb2, vip)), first.log() + second.log());
    assertEquals(1, count(first.log(), FAILED), "one line per outage: " + first.log());

    Instant freed = Instant.now();
    inJournalNamespace(first, "rm", lab.journalDir(lb1).resolve("filler").toString());
    assertTrue(Lab.waitFor(RESUME_BOUND, () -> first.log().contains(WRITABLE)), "journaling resumes: " + first.log());
    Instant end = Instant.now();

    assertEquals(List.of(lb1.address(), lb2.address(), lb1.address()), mastersInTurn(master.vrid()),
        "one master at a time: never both advertising");
    List<ClientRequest> failedOutside = new ArrayList<>(client.failuresBetween(start, down));
    failedOutside.addAll(client.failuresBetween(moved.at(), back));
    failedOutside.addAll(client.failuresBetween(returned.at(), end));
    assertEquals(List.of(), failedOutside, () -> "requests fail only while the VIP moves; the client around them:"
        + client.around(failedOutside, Duration.ofMillis(500)) + "nginx on lb1: " + pair.lb1Nginx().errorLog()
        + "\nlb1: " + first.log() + "\nlb2: " + second.log());

    List<JsonNode> outage = auditEvents(first).stream()
        .filter(e -> Instant.parse(e.path("at").asText()).isAfter(down) && e.path("node").asText().equals("lb1"))
        .toList();
    List<String> transitions = outage.stream().filter(e -> e.path("kind").asText().equals("state-changed"))
        .map(e -> e.path("text").asText().replaceFirst(" \\(.*", "")).toList();
    assertEquals(List.of("MASTER -> FAULT", "FAULT -> BACKUP", "BACKUP -> MASTER"), transitions,
        "the journal holds lb1's transitions of the outage, in order, once: " + outage);

    String failedLine = line(first.log(), FAILED);
    System.out.printf("journal full: %s%n  persist failed %d ms after the transition it wrote; the VIP moved in %d ms"
            + " (%d requests failed), returned in %d ms (%d failed); journaling resumed %d ms after the space was"
            + " freed: %s%n  lb1's events of the outage in the audit: %s%n",
        failedLine.substring(failedLine.indexOf(FAILED)),
        Duration.between(logTime(line(first.log(), "(VI_1) Entering FAULT STATE")), logTime(failedLine)).toMillis(),
        Duration.between(down, moved.at()).toMillis(), client.failuresBetween(down, moved.at()).size(),
        Duration.between(back, returned.at()).toMillis(), client.failuresBetween(back, returned.at()).size(),
        Duration.between(freed, logTime(line(first.log(), WRITABLE))).toMillis(), line(first.log(), WRITABLE),
        transitions);
  }

  /** The sources of the non-zero-priority adverts of {@code vrid}, each run of adverts from one source once. */
  private List<String> mastersInTurn(int vrid) {
    List<String> turns = new ArrayList<>();
    capture.timeline().adverts(vrid).stream().filter(a -> a.priority() > 0).forEach(a -> {
      if (turns.isEmpty() || !turns.get(turns.size() - 1).equals(a.source())) {
        turns.add(a.source());
      }
    });
    return turns;
  }

  /** Runs a command in lb1's network namespace and in the mount namespace of {@code tandem} (its journal's disk). */
  private String inJournalNamespace(LabProcess tandem, String... command) {
    List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(tandem.pid()), "-m", "-n"));
    full.addAll(List.of(command));
    return Commands.run(full);
  }

  /** {@code tandem audit --json} of lb1's journal, while lb1 runs (its journal's disk ends with it): the event lines. */
  private List<JsonNode> auditEvents(LabProcess tandem) {
    List<String> command = new ArrayList<>(List.of("nsenter", "-t", Long.toString(tandem.pid()), "-m"));
    command.addAll(Lab.tandemCommand(jar));
    command.addAll(List.of("audit", "--journal", lab.journalDir(lb1).toString(), "--json"));
    LabProcess audit = stopAfterTest(lab.start(lb1, "audit", command));
    assertEquals(OptionalInt.of(0), audit.awaitExit(STARTUP), "the audit runs: " + audit.log());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String text : audit.log().lines().filter(l -> l.startsWith("{")).toList()) {
      try {
        JsonNode node = json.readTree(text);
        if (node.path("type").asText().equals("event")) {
          events.add(node);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
  }

  private static long count(String log, String text) {
    return log.lines().filter(l -> l.contains(text)).count();
  }

  private static String line(String log, String text) {
    return log.lines().filter(l -> l.contains(text)).findFirst().orElseThrow(() -> new AssertionError("no " + text));
  }

  private static Instant logTime(String line) {
    return LocalDateTime.parse(line.substring(0, 23), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant();
  }
}
