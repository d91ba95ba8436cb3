package dev.tandem.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.lab.LabException;
import dev.tandem.lab.LabRequirements;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The failover benchmark (issue 4, item 5): tandem and keepalived 2.2.7 side by side in one run,
 * measured on the wire of the network lab, written as a Markdown table to stdout and to
 * {@code target/benchmark.md}. Not a test: it asserts nothing about the figures, it only fails when
 * a figure could not be measured. Run it with {@code mvn -B -Pbenchmark verify}, which runs it (and
 * no other failsafe class) after {@code package}; select figures with
 * {@code -Dbench.only=failover-v2,sigterm} and shorten it with {@code -Dbench.quick=true}.
 */
class FailoverBenchmark {
  /** Issue 8's reload test reloads the master 20 times in a row. */
  private static final int RELOADS = 20;
  /** A running master is reloaded, not one still starting: start-up's background work is over within a few seconds. */
  private static final Duration RELOAD_SETTLE = Duration.ofSeconds(10);

  @Test
  void measure() throws IOException {
    BenchSettings settings;
    try {
      settings = BenchSettings.fromSystemProperties();
    } catch (IllegalArgumentException e) {
      throw new AssertionError(e.getMessage(), null);
    }
    Assumptions.assumeTrue(settings.only().stream().anyMatch(f -> f != Figure.AUDIT), "only the audit figure selected");
    LabRequirements.requireCapture();
    LabRequirements.requireKeepalived();
    LabRequirements.requireTandemJar();
    Results results = run(settings);
    assertTrue(results.failures().isEmpty(), "some figures could not be measured:\n"
        + String.join("\n", results.failures()));
  }

  /** The same outside Maven: {@code java -cp <test classpath> dev.tandem.bench.FailoverBenchmark}. */
  public static void main(String[] args) throws IOException {
    try {
      LabRequirements.requireCapture();
      LabRequirements.requireKeepalived();
      LabRequirements.requireTandemJar();
      System.exit(run(BenchSettings.fromSystemProperties()).failures().isEmpty() ? 0 : 1);
    } catch (TestAbortedException | IllegalArgumentException e) {
      System.err.println("benchmark: " + e.getMessage());
      System.exit(2);
    }
  }

  static Results run(BenchSettings settings) throws IOException {
    Instant began = Instant.now();
    Machine machine = Machine.describe();
    List<Daemon> daemons = List.of(new TandemDaemon(settings.jar(), settings.rtPriority()),
        new KeepalivedDaemon(settings.rtPriority()));
    int repetitions = settings.repetitions();
    List<Scenario> scenarios = List.of(
        new HardFailover(BenchInstances.V2_MASTER, BenchInstances.V2_BACKUP, Metric.FAILOVER_V2_ADVERT,
            Metric.FAILOVER_V2_GARP, new TakeoverBreakdown(Metric.FAILOVER_V2_RECEIVE, Metric.FAILOVER_V2_TIMER,
                Metric.FAILOVER_V2_SEND), true, repetitions),
        new HardFailover(BenchInstances.V3_MASTER, BenchInstances.V3_BACKUP, Metric.FAILOVER_V3_ADVERT,
            Metric.FAILOVER_V3_GARP, new TakeoverBreakdown(Metric.FAILOVER_V3_RECEIVE, Metric.FAILOVER_V3_TIMER,
                Metric.FAILOVER_V3_SEND), false, repetitions),
        new GracefulStop(repetitions),
        new StartBaseline(repetitions),
        new AdvertCadence(Metric.INTERVAL_V2, BenchInstances.V2_MASTER,
            settings.window(Duration.ofSeconds(60), Duration.ofSeconds(10))),
        new AdvertCadence(Metric.INTERVAL_V3, BenchInstances.V3_MASTER,
            settings.window(Duration.ofSeconds(20), Duration.ofSeconds(5))),
        new AdvertCadence(Metric.RELOAD_INTERVAL, BenchInstances.V3_MASTER,
            settings.window(Duration.ofSeconds(21), Duration.ofSeconds(7)), RELOADS, RELOAD_SETTLE),
        new ResourceUse(settings.window(Duration.ofSeconds(60), Duration.ofSeconds(15))),
        new NginxKilled(settings.jar(), repetitions));

    Results results = new Results();
    for (Scenario scenario : scenarios) {
      if (!settings.selects(scenario)) {
        continue;
      }
      // Daemon by daemon within a scenario, never both at once: neither takes CPU from the other.
      for (Daemon daemon : daemons) {
        Instant started = Instant.now();
        try {
          scenario.run(daemon, results);
        } catch (LabException e) {
          results.fail(daemon.name() + ", " + scenario.name() + ": " + e.getMessage());
        }
        System.err.printf("bench: %s, %s: done in %d s%n", scenario.name(), daemon.name(),
            Duration.between(started, Instant.now()).toSeconds());
      }
    }

    String report = MarkdownReport.render(machine, settings, daemons, results, Duration.between(began, Instant.now()));
    System.out.println(report);
    Files.createDirectories(settings.report().toAbsolutePath().getParent());
    Files.writeString(settings.report(), report);
    System.err.println("bench: report written to " + settings.report().toAbsolutePath());
    return results;
  }
}
