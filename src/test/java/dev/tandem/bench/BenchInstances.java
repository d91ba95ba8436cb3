package dev.tandem.bench;

import dev.tandem.lab.LabInstance;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The VRRP instances the benchmark runs, the same for tandem and keepalived: a master at priority
 * 150 and a backup at 100, so the backup's Master_Down_Interval is 3.609 s (v2, 1 s) or 0.361 s
 * (v3, 0.1 s) and a restarted master's is 3.414 s.
 */
final class BenchInstances {
  static final String VIP = "192.0.2.100/24";
  static final LabInstance V2_MASTER = LabInstance.v2("VI_1", 51, 150, VIP);
  static final LabInstance V2_BACKUP = V2_MASTER.withPriority(100).startingAsBackup();
  static final LabInstance V3_MASTER = LabInstance.v3("VI_1", 52, 150, VIP);
  static final LabInstance V3_BACKUP = V3_MASTER.withPriority(100).startingAsBackup();
  static final int MANY = 100;

  private BenchInstances() {}

  /** {@link #MANY} v2 instances at 1 s on eth0: VRIDs 1..100, VIPs 192.0.2.100..199. */
  static List<LabInstance> many(int priority, boolean startAsMaster) {
    return IntStream.rangeClosed(1, MANY).mapToObj(i -> {
      LabInstance instance = LabInstance.v2("VI_" + i, i, priority, "192.0.2." + (99 + i) + "/24");
      return startAsMaster ? instance : instance.startingAsBackup();
    }).toList();
  }

  static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }
}
