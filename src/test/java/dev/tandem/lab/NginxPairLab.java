package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;

/**
 * A {@link TwoNodeLab} whose nodes serve the VIP with nginx (daemons, found, killed and restarted by
 * their pid files) to the lab's client, which asks the VIP every 20 ms.
 */
abstract class NginxPairLab extends TwoNodeLab {
  static final Duration PERIOD = Duration.ofMillis(20);
  /**
   * The first start after a build also records the launcher's class-data archive: a warm-up run
   * that took 25 s here under load, on top of {@link #STARTUP}.
   */
  static final Duration FIRST_START = STARTUP.plusSeconds(60);

  private final List<LabNginx> nginxes = new ArrayList<>();
  LabClient client;

  @Override
  void requireTools() {
    super.requireTools();
    LabRequirements.requireNginx();
  }

  /** nginx is stopped so that no check restarts it: the next test's nginx needs port 80. */
  @AfterEach
  void stopNginxAndClient() {
    if (client != null) {
      client.stop();
      client = null;
    }
    nginxes.forEach(nginx -> {
      nginx.preventStart();
      nginx.kill();
    });
    nginxes.clear();
  }

  /**
   * nginx on both nodes, lb1 master ({@code startOnLb1} starts it) and lb2 backup of {@code master}
   * (lb2 at priority 100, starting as BACKUP), the client served by lb1. One after the other: with
   * nopreempt, lb2 must not win the first election by starting faster.
   */
  ServedPair startServedPair(LabInstance master, Function<LabInstance, LabProcess> startOnLb1) {
    LabNginx lb1Nginx = lab.startNginxDaemon(lb1);
    nginxes.add(lb1Nginx);
    nginxes.add(lab.startNginxDaemon(lb2));
    LabInstance backup = master.withPriority(100).startingAsBackup();
    String vip = master.vipAddresses().get(0);
    LabProcess first = startOnLb1.apply(master);
    assertTrue(Lab.waitFor(FIRST_START, () -> lab.holds(lb1, vip)), first.log());
    LabProcess second = start(Daemon.TANDEM, lb2, List.of(backup));
    assertTrue(Lab.waitFor(STARTUP, () -> second.log().contains("(VI_1) Entering BACKUP STATE")
        && lastAdvertIsFrom(master.vrid(), lb1)), second.log());
    client = lab.startClient(jar, vip, PERIOD);
    Instant started = Instant.now();
    assertTrue(client.awaitAnswerFrom(lb1, started, BOUND).isPresent(), "lb1 serves the VIP: " + client.requests());
    return new ServedPair(master, backup, first, second, lb1Nginx);
  }

  /** The pair of one test and lb1's nginx. */
  record ServedPair(LabInstance master, LabInstance backup, LabProcess onLb1, LabProcess onLb2, LabNginx lb1Nginx) {
    String vip() {
      return master.vipAddresses().get(0);
    }
  }
}
