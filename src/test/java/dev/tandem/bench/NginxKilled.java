package dev.tandem.bench;

import static dev.tandem.bench.BenchInstances.millis;

import dev.tandem.lab.ClientRequest;
import dev.tandem.lab.Lab;
import dev.tandem.lab.LabCheck;
import dev.tandem.lab.LabClient;
import dev.tandem.lab.LabException;
import dev.tandem.lab.LabInstance;
import dev.tandem.lab.LabNginx;
import dev.tandem.lab.LabNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Figure 8: the reason operators run keepalived beside nginx. The master's nginx is killed with a
 * configuration it refuses, so seed 000's check_nginx (from the pid file) cannot restart it; the
 * lab's client asks the VIP every 20 ms and the figure is the time from the kill to the first
 * answer from the peer, with the requests that failed meanwhile. With weight 0 the master goes
 * Fault and says so with a priority-0 advert; with weight −60 it keeps advertising at 90, which
 * the peer (100) discards until its Master_Down_Interval runs out. Then nginx can start again, the
 * check restarts it and the master preempts back; repeated.
 */
final class NginxKilled implements Scenario {
  private static final Duration PERIOD = Duration.ofMillis(20);
  /** Detection, Master_Down_Interval and a JVM on a loaded machine. */
  private static final Duration BOUND = Duration.ofSeconds(30);
  /**
   * The first start after a build also records the launcher's class-data archive: a warm-up run
   * that took 25 s here under load, before the Master_Down_Interval begins.
   */
  private static final Duration START_BOUND = Duration.ofSeconds(90);

  private final Path jar;
  private final int repetitions;

  NginxKilled(Path jar, int repetitions) {
    this.jar = jar;
    this.repetitions = repetitions;
  }

  @Override
  public String name() {
    return Figure.NGINX_KILLED.key();
  }

  @Override
  public Set<Figure> figures() {
    return EnumSet.of(Figure.NGINX_KILLED);
  }

  @Override
  public void run(Daemon daemon, Results results) {
    measure(daemon, results, 0, Metric.NGINX_KILLED_FAULT, Metric.NGINX_KILLED_FAULT_FAILED);
    measure(daemon, results, -60, Metric.NGINX_KILLED_WEIGHT, Metric.NGINX_KILLED_WEIGHT_FAILED);
  }

  private void measure(Daemon daemon, Results results, int weight, Metric served, Metric failed) {
    if (!Lab.installed("nginx")) {
      throw new LabException("nginx is not installed");
    }
    try (Lab lab = Lab.create("lb1", "lb2")) {
      LabNode lb1 = lab.node("lb1");
      LabNode lb2 = lab.node("lb2");
      LabNginx nginx = lab.startNginxDaemon(lb1);
      lab.startNginxDaemon(lb2);
      LabCheck check = LabNginx.checkNginx(lab).withWeight(weight).withFall(2);
      LabInstance master = BenchInstances.V2_MASTER.tracking(check);
      daemon.start(lab, lb1, List.of(master));
      daemon.start(lab, lb2, List.of(BenchInstances.V2_BACKUP.tracking(check)));
      String vip = master.vipAddresses().get(0);
      // The client starts once the VIP is held: a neighbour entry that failed before does not
      // always take the first gratuitous ARP.
      if (!Lab.waitFor(START_BOUND, () -> lab.holds(lb1, vip))) {
        throw new LabException("lb1 did not take the VIP within " + START_BOUND.toSeconds() + " s\n" + logs(lab));
      }
      LabClient client = lab.startClient(jar, vip, PERIOD);
      for (int i = 1; i <= repetitions; i++) {
        System.err.printf("bench: %s, %s, weight %d: nginx killed %d of %d%n", name(), daemon.name(), weight, i,
            repetitions);
        awaitServedBy(client, lb1, lab, "lb1 serving the VIP");
        // The failure lands anywhere in the check's interval, as a real one would; otherwise the
        // loop (restart by the check, preemption, settling) fixes its phase and so the detection time.
        Pause.of(Duration.ofMillis(ThreadLocalRandom.current().nextLong(check.intervalSeconds() * 1000L)));
        nginx.preventStart();
        Instant killed = Instant.now();
        nginx.kill();
        ClientRequest moved = await(client, lb2, killed, lab, "an answer from lb2 after nginx was killed on lb1");
        results.add(served, daemon, millis(Duration.between(killed, moved.at())));
        results.add(failed, daemon, client.failuresBetween(killed, moved.at()).size());
        nginx.allowStart();
      }
      awaitServedBy(client, lb1, lab, "lb1 serving the VIP again");
    }
  }

  /**
   * Until {@code node} answers and still answers every request a Master_Down_Interval later (the
   * preemption back is over, the peer is Backup again).
   */
  private static void awaitServedBy(LabClient client, LabNode node, Lab lab, String what) {
    await(client, node, Instant.now(), lab, what);
    Instant settled = Instant.now();
    Pause.of(BenchInstances.V2_BACKUP.masterDownInterval());
    if (!client.notAnsweredBy(node, settled).isEmpty()) {
      throw new LabException("not only " + node.name() + " answered after " + what + ": "
          + client.notAnsweredBy(node, settled));
    }
  }

  private static ClientRequest await(LabClient client, LabNode node, Instant from, Lab lab, String what) {
    return client.awaitAnswerFrom(node, from, BOUND).orElseThrow(() -> {
      List<ClientRequest> requests = client.requests();
      return new LabException("no " + what + " within " + BOUND.toSeconds() + " s; the client's last requests: "
          + requests.subList(Math.max(0, requests.size() - 5), requests.size()) + "\n" + logs(lab));
    });
  }

  private static String logs(Lab lab) {
    return "--- lb1 ---\n" + tail(lab.log(lab.node("lb1"))) + "\n--- lb2 ---\n" + tail(lab.log(lab.node("lb2")));
  }

  private static String tail(String log) {
    return log.substring(Math.max(0, log.length() - 1500));
  }
}
