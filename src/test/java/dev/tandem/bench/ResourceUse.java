package dev.tandem.bench;

import static dev.tandem.bench.BenchInstances.millis;

import dev.tandem.lab.Capture;
import dev.tandem.lab.Lab;
import dev.tandem.lab.LabException;
import dev.tandem.lab.LabInstance;
import dev.tandem.lab.LabNode;
import dev.tandem.lab.LabProcess;
import dev.tandem.lab.WireAdvert;
import dev.tandem.lab.WireTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Figure 6 (and 7 at scale): 100 instances on one interface, master and backup, in a steady state
 * for a window. CPU is the growth of utime+stime over the window, memory the VmRSS at its end, for
 * the process that does VRRP and for the daemon's whole process tree. Then SIGTERM to the master.
 */
final class ResourceUse implements Scenario {
  private static final Duration SETTLE_BOUND = Duration.ofSeconds(60);
  /** Both daemons repeat their gratuitous ARPs 5 s after becoming master (garp_master_delay): not steady yet. */
  private static final Duration GARP_REPEAT = Duration.ofSeconds(6);
  private static final Duration STOP_BOUND = Duration.ofSeconds(10);

  private final Duration window;

  ResourceUse(Duration window) {
    this.window = window;
  }

  @Override
  public String name() {
    return Figure.RESOURCES.key();
  }

  @Override
  public Set<Figure> figures() {
    return EnumSet.of(Figure.RESOURCES);
  }

  @Override
  public void run(Daemon daemon, Results results) {
    List<LabInstance> masters = BenchInstances.many(150, true);
    try (Lab lab = Lab.create("lb1", "lb2")) {
      LabNode lb1 = lab.node("lb1");
      Capture capture = lab.startCapture();
      Instant since = Instant.now();
      LabProcess master = daemon.start(lab, lb1, masters);
      LabProcess backup = daemon.start(lab, lab.node("lb2"), BenchInstances.many(100, false));
      if (!Lab.waitFor(SETTLE_BOUND, () -> allMastersOn(capture.timeline(), masters, lb1, since))) {
        throw new LabException(daemon.name() + ": lb1 was not master of all " + masters.size() + " VRIDs within "
            + SETTLE_BOUND.toSeconds() + " s");
      }
      Pause.of(GARP_REPEAT);
      long masterPid = daemon.vrrpPid(master);
      long backupPid = daemon.vrrpPid(backup);
      Map<Long, ProcessUsage> masterBefore = byPid(ProcessUsage.tree(master.pid()));
      Map<Long, ProcessUsage> backupBefore = byPid(ProcessUsage.tree(backup.pid()));
      System.err.printf("bench: %s, %s: %d s window%n", name(), daemon.name(), window.toSeconds());
      Instant from = Instant.now();
      Pause.of(window);
      Instant to = Instant.now();
      Map<Long, ProcessUsage> masterAfter = byPid(ProcessUsage.tree(master.pid()));
      Map<Long, ProcessUsage> backupAfter = byPid(ProcessUsage.tree(backup.pid()));

      ProcessUsage masterEnd = survivor(masterAfter, masterPid, daemon, "master");
      ProcessUsage backupEnd = survivor(backupAfter, backupPid, daemon, "backup");
      results.add(Metric.CPU_MASTER, daemon, cpu(masterBefore, masterAfter, Set.of(masterPid)));
      results.add(Metric.CPU_BACKUP, daemon, cpu(backupBefore, backupAfter, Set.of(backupPid)));
      results.add(Metric.RSS_MASTER, daemon, masterEnd.rssMiB());
      results.add(Metric.RSS_BACKUP, daemon, backupEnd.rssMiB());
      results.add(Metric.CPU_MASTER_ALL, daemon, cpu(masterBefore, masterAfter, masterAfter.keySet()));
      results.add(Metric.CPU_BACKUP_ALL, daemon, cpu(backupBefore, backupAfter, backupAfter.keySet()));
      results.add(Metric.RSS_MASTER_ALL, daemon, rss(masterAfter));
      results.add(Metric.RSS_BACKUP_ALL, daemon, rss(backupAfter));

      WireTimeline timeline = capture.timeline();
      int sent = 0;
      for (LabInstance instance : masters) {
        List<WireAdvert> adverts = AdvertCadence.within(timeline.adverts(instance.vrid(), lb1.address()), from, to);
        sent += adverts.size();
        results.addAll(Metric.INTERVAL_MANY, daemon, AdvertCadence.deviations(adverts, instance.interval()));
      }
      results.note(String.format("%s, 100 instances: the master sent %d adverts in the %d s window; processes: master %s,"
          + " backup %s", daemon.name(), sent, Duration.between(from, to).toSeconds(), describe(masterAfter),
          describe(backupAfter)));

      Instant signalled = Instant.now();
      CompletableFuture<Instant> exited = HandoverLab.exitTime(master);
      master.terminate(STOP_BOUND);
      results.add(Metric.EXIT_MANY, daemon, millis(Duration.between(signalled, HandoverLab.awaitExit(exited))));
    }
  }

  /** Every VRID's last two adverts since {@code since} come from the node. */
  private static boolean allMastersOn(WireTimeline timeline, List<LabInstance> instances, LabNode node, Instant since) {
    Map<Integer, List<WireAdvert>> byVrid = timeline.adverts().stream().filter(a -> a.at().isAfter(since))
        .collect(Collectors.groupingBy(WireAdvert::vrid));
    return instances.stream().allMatch(instance -> {
      List<WireAdvert> adverts = byVrid.getOrDefault(instance.vrid(), List.of());
      return adverts.size() >= 2 && adverts.subList(adverts.size() - 2, adverts.size()).stream()
          .allMatch(a -> a.source().equals(node.address()));
    });
  }

  private static Map<Long, ProcessUsage> byPid(List<ProcessUsage> usages) {
    return usages.stream().collect(Collectors.toMap(ProcessUsage::pid, Function.identity()));
  }

  /** CPU seconds spent in the window by those processes that were there at both reads. */
  private static double cpu(Map<Long, ProcessUsage> before, Map<Long, ProcessUsage> after, Set<Long> pids) {
    return pids.stream().filter(before::containsKey).filter(after::containsKey)
        .mapToDouble(pid -> after.get(pid).cpuSeconds() - before.get(pid).cpuSeconds()).sum();
  }

  private static String describe(Map<Long, ProcessUsage> usages) {
    return usages.values().stream().map(u -> String.format("%s (PID %d, %.1f MiB)", u.command(), u.pid(), u.rssMiB()))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static double rss(Map<Long, ProcessUsage> usages) {
    return usages.values().stream().mapToDouble(ProcessUsage::rssMiB).sum();
  }

  /** The VRRP process at the window's end; one that died or was replaced meanwhile voids the figure. */
  private static ProcessUsage survivor(Map<Long, ProcessUsage> after, long pid, Daemon daemon, String role) {
    ProcessUsage usage = after.get(pid);
    if (usage == null) {
      throw new LabException(daemon.name() + "'s VRRP process on the " + role + " (PID " + pid
          + ") was gone by the end of the window");
    }
    return usage;
  }
}
