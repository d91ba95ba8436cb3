package dev.tandem.bench;

import static dev.tandem.bench.BenchInstances.millis;

import java.util.OptionalDouble;

/**
 * One row of the results: what is measured, in which unit, against which reference (the RFC timer
 * it should match) and goal. With a reference, the goal is a tolerance around it; without one, an
 * upper bound. Rows without a goal explain where the time goes.
 */
enum Metric {
  FAILOVER_V2_ADVERT(Figure.FAILOVER_V2, "last advert of the old master → first advert of the new master",
      Unit.MS, millis(BenchInstances.V2_BACKUP.masterDownInterval()), 2),
  FAILOVER_V2_GARP(Figure.FAILOVER_V2, "last advert of the old master → first gratuitous ARP of the new master",
      Unit.MS, millis(BenchInstances.V2_BACKUP.masterDownInterval()), 2),
  FAILOVER_V2_RECEIVE(Figure.FAILOVER_V2, "backup's journal: old master's last advert on the wire → backup's `last heard` time (receive path)",
      Unit.MS, Double.NaN, Double.NaN),
  FAILOVER_V2_TIMER(Figure.FAILOVER_V2, "backup's journal: `last heard` → its decision to take over (the timer)",
      Unit.MS, millis(BenchInstances.V2_BACKUP.masterDownInterval()), Double.NaN),
  FAILOVER_V2_SEND(Figure.FAILOVER_V2, "backup's journal: decision → its first advert on the wire (send path)",
      Unit.MS, Double.NaN, Double.NaN),

  FAILOVER_V3_ADVERT(Figure.FAILOVER_V3, "last advert of the old master → first advert of the new master",
      Unit.MS, millis(BenchInstances.V3_BACKUP.masterDownInterval()), 2),
  FAILOVER_V3_GARP(Figure.FAILOVER_V3, "last advert of the old master → first gratuitous ARP of the new master",
      Unit.MS, millis(BenchInstances.V3_BACKUP.masterDownInterval()), 2),
  FAILOVER_V3_RECEIVE(Figure.FAILOVER_V3, "backup's journal: old master's last advert on the wire → backup's `last heard` time (receive path)",
      Unit.MS, Double.NaN, Double.NaN),
  FAILOVER_V3_TIMER(Figure.FAILOVER_V3, "backup's journal: `last heard` → its decision to take over (the timer)",
      Unit.MS, millis(BenchInstances.V3_BACKUP.masterDownInterval()), Double.NaN),
  FAILOVER_V3_SEND(Figure.FAILOVER_V3, "backup's journal: decision → its first advert on the wire (send path)",
      Unit.MS, Double.NaN, Double.NaN),

  SIGTERM_HANDOVER(Figure.SIGTERM, "old master's priority-0 advert → first advert of the new master (Skew_Time)",
      Unit.MS, millis(BenchInstances.V2_BACKUP.skewTime()), 2),
  SIGTERM_TO_PRIORITY_ZERO(Figure.SIGTERM, "SIGTERM sent → the old master's priority-0 advert on the wire",
      Unit.MS, Double.NaN, Double.NaN),
  SIGTERM_RECEIVE(Figure.SIGTERM, "backup's journal: old master's priority-0 advert on the wire → backup's `last heard` time (receive path)",
      Unit.MS, Double.NaN, Double.NaN),
  SIGTERM_TIMER(Figure.SIGTERM, "backup's journal: `last heard` → its decision to take over (the timer)",
      Unit.MS, millis(BenchInstances.V2_BACKUP.skewTime()), Double.NaN),
  SIGTERM_SEND(Figure.SIGTERM, "backup's journal: decision → its first advert on the wire (send path)",
      Unit.MS, Double.NaN, Double.NaN),

  INTERVAL_V2(Figure.INTERVAL_V2, "|gap between consecutive adverts − 1000 ms|, every gap of the window",
      Unit.MS, Double.NaN, 1),
  INTERVAL_V3(Figure.INTERVAL_V3, "|gap between consecutive adverts − 100 ms|, every gap of the window",
      Unit.MS, Double.NaN, 1),
  RELOAD_INTERVAL(Figure.RELOAD, "|gap between consecutive adverts − 100 ms|, every gap of the window of 20 reloads"
      + " (from 10 s after the master's third advert)", Unit.MS, Double.NaN, 1),

  RESTART_FIRST_ADVERT(Figure.RESTART, "process start → its first advert (Master_Down_Interval of priority 150)",
      Unit.MS, millis(BenchInstances.V2_MASTER.masterDownInterval()), Double.NaN),
  RESTART_STARTUP(Figure.RESTART, "start-up = (process start → first advert) − Master_Down_Interval",
      Unit.MS, Double.NaN, 500),
  RESTART_TO_FIRST_LOG(Figure.RESTART,
      "process start → first log line (tandem: `Starting tandem`, after JVM, config, pcap open, journal schema)",
      Unit.MS, Double.NaN, Double.NaN),
  RESTART_TO_BACKUP(Figure.RESTART, "process start → log `Entering BACKUP STATE` (tandem: + actor system, journal recovery)",
      Unit.MS, Double.NaN, Double.NaN),
  RESTART_BACKUP_TO_ADVERT(Figure.RESTART, "log `Entering BACKUP STATE` → first advert on the wire",
      Unit.MS, millis(BenchInstances.V2_MASTER.masterDownInterval()), Double.NaN),
  VERSION_BASELINE(Figure.RESTART, "`--version` wall time: the bare process start (tandem: JVM + picocli)",
      Unit.MS, Double.NaN, Double.NaN),

  CPU_MASTER(Figure.RESOURCES, "CPU seconds (utime+stime) in the window, master, VRRP process", Unit.SECONDS,
      Double.NaN, Double.NaN),
  CPU_BACKUP(Figure.RESOURCES, "CPU seconds (utime+stime) in the window, backup, VRRP process", Unit.SECONDS,
      Double.NaN, Double.NaN),
  RSS_MASTER(Figure.RESOURCES, "VmRSS at the end of the window, master, VRRP process", Unit.MIB,
      Double.NaN, Double.NaN),
  RSS_BACKUP(Figure.RESOURCES, "VmRSS at the end of the window, backup, VRRP process", Unit.MIB,
      Double.NaN, Double.NaN),
  CPU_MASTER_ALL(Figure.RESOURCES, "CPU seconds in the window, master, all its processes", Unit.SECONDS,
      Double.NaN, Double.NaN),
  CPU_BACKUP_ALL(Figure.RESOURCES, "CPU seconds in the window, backup, all its processes", Unit.SECONDS,
      Double.NaN, Double.NaN),
  RSS_MASTER_ALL(Figure.RESOURCES, "VmRSS, master, all its processes", Unit.MIB, Double.NaN, Double.NaN),
  RSS_BACKUP_ALL(Figure.RESOURCES, "VmRSS, backup, all its processes", Unit.MIB, Double.NaN, Double.NaN),
  INTERVAL_MANY(Figure.RESOURCES, "|gap between consecutive adverts − 1000 ms|, every VRID, every gap of the window",
      Unit.MS, Double.NaN, 1),

  EXIT(Figure.EXIT, "SIGTERM sent → process gone, master with 1 instance", Unit.MS, Double.NaN, Double.NaN),
  EXIT_MANY(Figure.EXIT, "SIGTERM sent → process gone, master with 100 instances", Unit.MS, Double.NaN, Double.NaN),

  NGINX_KILLED_FAULT(Figure.NGINX_KILLED, "weight 0: nginx killed → first answer from the peer; theory: detection 1–2 s "
      + "(interval × fall) + the peer's Skew_Time 0.609 s after the Fault's priority-0 advert = 1.61–2.61 s, + up to "
      + "0.27 s at the client (a request sent to the old MAC times out after 250 ms)",
      Unit.MS, Double.NaN, Double.NaN),
  NGINX_KILLED_FAULT_FAILED(Figure.NGINX_KILLED, "weight 0: requests failed until then", Unit.REQUESTS,
      Double.NaN, Double.NaN),
  NGINX_KILLED_WEIGHT(Figure.NGINX_KILLED, "weight −60: nginx killed → first answer from the peer; theory: the peer "
      + "discards the demoted master's priority-90 adverts and takes over Master_Down_Interval (3.609 s) after its last "
      + "priority-150 one, sent 0–1 s before detection (1–2 s) = 3.61–5.61 s, + up to 0.27 s at the client "
      + "(keepalived's figure: 4.6 s)",
      Unit.MS, Double.NaN, Double.NaN),
  NGINX_KILLED_WEIGHT_FAILED(Figure.NGINX_KILLED, "weight −60: requests failed until then", Unit.REQUESTS,
      Double.NaN, Double.NaN);

  private final Figure figure;
  private final String measure;
  private final Unit unit;
  private final double reference;
  private final double goal;

  /** {@code reference} and {@code goal} are NaN where there is none. */
  Metric(Figure figure, String measure, Unit unit, double reference, double goal) {
    this.figure = figure;
    this.measure = measure;
    this.unit = unit;
    this.reference = reference;
    this.goal = goal;
  }

  Figure figure() {
    return figure;
  }

  String measure() {
    return measure;
  }

  Unit unit() {
    return unit;
  }

  OptionalDouble reference() {
    return Double.isNaN(reference) ? OptionalDouble.empty() : OptionalDouble.of(reference);
  }

  /** The largest distance from the reference (or, without one, the largest value) that meets the goal. */
  OptionalDouble goal() {
    return Double.isNaN(goal) ? OptionalDouble.empty() : OptionalDouble.of(goal);
  }
}
