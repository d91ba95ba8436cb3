package dev.tandem.bench;

import static dev.tandem.audit.Events.LB1_IP;
import static dev.tandem.audit.Events.LB2_IP;
import static dev.tandem.audit.Events.changedIn;
import static dev.tandem.audit.Events.masterDown;
import static dev.tandem.audit.Events.plain;
import static dev.tandem.audit.Events.preemptedBy;
import static dev.tandem.vrrp.VrrpState.BACKUP;
import static dev.tandem.vrrp.VrrpState.INITIALIZE;
import static dev.tandem.vrrp.VrrpState.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.audit.Events;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.InstanceStarted;
import dev.tandem.instance.InstanceStopped;
import dev.tandem.lab.Lab;
import dev.tandem.lab.LabRequirements;
import dev.tandem.testsupport.JournalFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit figure: {@code tandem audit} (target/tandem.jar through the launcher, as an operator runs
 * it: conf/audit-jvm.options, -Xmx256m and the serial collector) over an
 * H2 journal of 1,000,000 events written in the plugin's table with real JSON. Two instances on two
 * nodes cycle through a graceful stop, a restart that preempts, and an event of a kind the audit
 * only lists: every path of the analysis runs. Text and JSON lines are timed; the report goes to
 * stdout and {@code target/audit-benchmark.md}. Run with {@code mvn -B -Pbenchmark verify -Dbench.only=audit}
 * ({@code -Dbench.audit.events=N} for another size; {@code -Dbench.audit.journal=DIR} keeps the journal
 * there and reuses it on the next run, to profile the audit without writing it again).
 */
class AuditBenchmark {
  private static final long CHILD_TIMEOUT_SECONDS = 600;
  private static final List<String> INSTANCES = List.of("VI_1", "VI_2");

  @TempDir
  Path dir;

  @Test
  void measure() throws Exception {
    BenchSettings settings = BenchSettings.selecting(Figure.AUDIT);
    Path jar = LabRequirements.requireTandemJar();
    int events = Integer.getInteger("bench.audit.events", 1_000_000);
    Path journal = Optional.ofNullable(System.getProperty("bench.audit.journal")).map(Path::of)
        .orElse(dir.resolve("journal"));

    Instant writeStart = Instant.now();
    boolean reused = Files.exists(journal.resolve("tandem.mv.db"));
    if (!reused) {
      write(journal, events);
    }
    Duration writing = Duration.between(writeStart, Instant.now());
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
    Run text = audit(jar, journal, "text");
    Run json = audit(jar, journal, "json", "--json");
    String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();

    String report = "## " + Figure.AUDIT.title().replace("1,000,000", String.format("%,d", events)) + "\n\n"
        + Machine.describe().markdown() + "\n"
        + "| format | wall time | CPU time (user + system) | max RSS | output |\n|---|---|---|---|---|\n"
        + text.row() + json.row() + "\n"
        + (reused ? "Journal reused from an earlier run" : "Journal written in " + writing.toSeconds() + " s") + " (" + Files.size(journal.resolve("tandem.mv.db")) / 1_000_000
        + " MB). Load average before the runs: " + loadBefore + "; after: " + loadAfter
        + " (the machine is shared with other builds).\n";
    settings.writeSideReport("audit-benchmark.md", report);
  }

  /** One audit run: wall and CPU time and peak RSS from GNU time, the output's size. */
  private record Run(String format, String wall, double cpuSeconds, String maxRss, long lines, long bytes) {
    String row() {
      return "| " + format + " | " + wall + " s | " + String.format("%.1f s", cpuSeconds) + " | " + maxRss + " | "
          + String.format("%,d", lines) + " lines, " + bytes / 1_000_000 + " MB |\n";
    }
  }

  private Run audit(Path jar, Path journal, String name, String... options) throws IOException, InterruptedException {
    Path output = dir.resolve(name + ".out");
    Path measured = dir.resolve(name + ".time");
    List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-o", measured.toString(), "-f", "%e %U %S %M"));
    command.addAll(Lab.tandemCommand(jar));
    command.addAll(List.of("audit", "--journal", journal.toString()));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
        .redirectError(dir.resolve(name + ".err").toFile()).start();
    try {
      if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("tandem audit (" + name + ") did not finish in " + CHILD_TIMEOUT_SECONDS + " s");
      }
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    assertEquals(0, process.exitValue(), Files.readString(dir.resolve(name + ".err")));
    String[] wallCpuRss = Files.readString(measured).trim().split(" ");
    long lines;
    try (var stream = Files.lines(output)) {
      lines = stream.count();
    }
    return new Run(name, wallCpuRss[0], Double.parseDouble(wallCpuRss[1]) + Double.parseDouble(wallCpuRss[2]),
        Long.parseLong(wallCpuRss[3]) / 1024 + " MB", lines, Files.size(output));
  }

  /**
   * {@code count} events: per instance, cycles of lb1 stopping (lb2 takes over on its priority-0
   * advert), lb1 restarting and preempting lb2, and a priority change, 20 s apart.
   */
  private static void write(Path journal, int count) throws IOException, SQLException {
    try (JournalFixture fixture = JournalFixture.create(journal)) {
      int written = 0;
      for (int cycle = 0; written < count; cycle++) {
        for (String instance : INSTANCES) {
          double t = cycle * 20.0;
          for (InstanceEvent event : cycle(instance, t)) {
            if (written++ < count) {
              fixture.append(event);
            }
          }
          if (written++ < count) {
            fixture.appendJson("lb2", instance, "{\"type\":\"priority-changed\",\"schema\":2,\"at\":\""
                + Events.at(t + 9) + "\",\"node\":\"lb2\",\"instance\":\"" + instance
                + "\",\"from\":100,\"to\":90,\"check\":\"chk_nginx\"}", Events.at(t + 9).toEpochMilli());
          }
        }
      }
    }
  }

  private static List<InstanceEvent> cycle(String instance, double t) {
    return List.of(
        changedIn(instance, "lb1", t, MASTER, INITIALIZE, plain("shutdown"), 150),
        new InstanceStopped(InstanceEvent.SCHEMA_VERSION, Events.at(t), "lb1", instance, MASTER, "operator stop"),
        changedIn(instance, "lb2", t + 0.6, BACKUP, MASTER, masterDown(LB1_IP, 0, t + 0.05), 100),
        new InstanceStarted(InstanceEvent.SCHEMA_VERSION, Events.at(t + 5), "lb1", instance,
            Optional.of(INITIALIZE), true, 150, List.of("192.0.2.100/24")),
        changedIn(instance, "lb1", t + 5, INITIALIZE, BACKUP, plain("startup"), 150),
        changedIn(instance, "lb1", t + 8.6, BACKUP, MASTER, masterDown(LB2_IP, 100, t + 8.0), 150),
        changedIn(instance, "lb2", t + 8.7, MASTER, BACKUP, preemptedBy(LB1_IP, 150, t + 8.65), 100));
  }
}
