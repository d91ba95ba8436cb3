package dev.tandem.instance;

import dev.tandem.app.JournalDatabase;
import dev.tandem.app.JournalRehearsal;
import dev.tandem.audit.Events;
import dev.tandem.bench.BenchSettings;
import dev.tandem.bench.Figure;
import dev.tandem.bench.Machine;
import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.vrrp.VrrpState;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's journal figure: from a decision (a {@link InstanceCommand.Record} created, as the router
 * creates it in the step that decides) to the event being durable in the embedded journal (H2 file,
 * WRITE_DELAY=0, through pekko-persistence-jdbc), taken by the instance's own persist callback: the
 * path {@code tandem_journal_write_seconds} measures. Records go one at a time, as takeovers do.
 * Run with {@code mvn -B -Pbenchmark verify -Dbench.only=journal} ({@code -Dbench.journal.records=N});
 * the report goes to stdout and {@code target/journal-latency-benchmark.md}.
 */
class JournalLatencyBenchmark {
  private static final Duration DURABLE_BOUND = Duration.ofSeconds(10);
  /** The first records ran while the JIT had not compiled the write path yet (most of the tail before the rehearsal). */
  private static final int COLD = 300;

  @TempDir
  Path dir;

  @Test
  void measure() throws Exception {
    BenchSettings settings = BenchSettings.selecting(Figure.JOURNAL);
    int records = Integer.getInteger("bench.journal.records", 2000);
    JournalDatabase db = new JournalDatabase(dir);
    db.ensureSchema();
    long[] nanos = new long[records];
    Duration rehearsal;
    try (InstanceLab lab = new InstanceLab(ManualTime.config().withFallback(db.actorSystemConfig()),
        JdbcReadJournal.Identifier())) {
      Node node = lab.start("lb1", 11, TestInstances.vi1(150, true));
      // As the controller does at start (ControllerSystem); a takeover comes a Master_Down_Interval later at least.
      long rehearsing = System.nanoTime();
      JournalRehearsal.start(lab.kit.system(), db, JournalRehearsal.ROUNDS).toCompletableFuture()
          .get(DURABLE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
      rehearsal = Duration.ofNanos(System.nanoTime() - rehearsing);
      TestProbe<Done> durable = lab.kit.createTestProbe();
      for (int i = 0; i < records; i++) {
        VrrpState from = i % 2 == 0 ? VrrpState.BACKUP : VrrpState.MASTER;
        VrrpState to = from == VrrpState.BACKUP ? VrrpState.MASTER : VrrpState.BACKUP;
        InstanceEvent event = Events.changedIn(Events.VI, "lb1", i, from, to, Events.plain("master-down"), 150);
        long decided = System.nanoTime();
        node.instance().tell(new InstanceCommand.Record(List.of(event), Optional.of(durable.ref()), decided));
        durable.expectMessage(DURABLE_BOUND, Done.getInstance());
        nanos[i] = System.nanoTime() - decided;
      }
    }
    int cold = Math.min(COLD, records);
    String report = "## " + Figure.JOURNAL.title() + "\n\n" + Machine.describe().markdown() + "\n"
        + "| records | p50 | p99 | max | goal |\n|---|---|---|---|---|\n"
        + row("all " + records, nanos, 0, records)
        + row("first " + cold + " (a controller journals a few events a day: what a takeover sees)", nanos, 0, cold)
        + row("the " + (records - cold) + " after them", nanos, cold, records) + "\n"
        + "After the start's journal rehearsal (" + JournalRehearsal.ROUNDS + " writes to a scratch database, "
        + rehearsal.toMillis() + " ms), one record at a time, each a state change, until its persist callback "
        + "acknowledged it, in a JVM with "
        + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + ". Load average after: "
        + Files.readString(Path.of("/proc/loadavg")).trim() + " (the machine is shared with other builds).\n";
    settings.writeSideReport("journal-latency-benchmark.md", report);
  }

  private static String row(String which, long[] nanos, int from, int to) {
    if (to <= from) {
      return "";
    }
    long[] sorted = Arrays.copyOfRange(nanos, from, to);
    Arrays.sort(sorted);
    return "| " + which + " | " + millis(percentile(sorted, 50)) + " | " + millis(percentile(sorted, 99)) + " | "
        + millis(sorted[sorted.length - 1]) + " | p99 ≤ 5 ms |\n";
  }

  private static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
  }

  private static String millis(long nanos) {
    return String.format("%.2f ms", nanos / 1e6);
  }
}
