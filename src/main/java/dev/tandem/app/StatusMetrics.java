package dev.tandem.app;

import dev.tandem.instance.ControllerStatus;
import dev.tandem.instance.InstanceStatus;
import dev.tandem.instance.ScriptStatus;
import dev.tandem.vrrp.Health;
import dev.tandem.wire.DiscardReason;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * {@code /metrics}: the controller's status as Prometheus metrics, named after the community
 * keepalived exporter's (keepalived_vrrp_state, keepalived_advertisements_sent_total, ...) with the
 * prefix {@code tandem_vrrp_}. Collected at each scrape from a fresh status, so that nothing on the
 * VRRP path ever updates a metric.
 */
final class StatusMetrics implements MultiCollector {
  /** One metric per instance: name (counters without _total, which the format adds), help, value. */
  private record PerInstance(String name, String help, boolean counter, ToDoubleFunction<InstanceStatus> value) {}

  private static final List<PerInstance> PER_INSTANCE = List.of(
      new PerInstance("tandem_vrrp_state", "VRRP state: 0 initialize, 1 backup, 2 master, 3 fault (keepalived's numbering)",
          false, s -> s.state().ordinal()),
      new PerInstance("tandem_vrrp_priority", "Effective priority: configured plus tracked weights", false,
          InstanceStatus::effectivePriority),
      new PerInstance("tandem_vrrp_configured_priority", "Configured priority", false, InstanceStatus::configuredPriority),
      new PerInstance("tandem_vrrp_advertisements_sent", "Adverts sent", true, s -> s.counters().advertsSent()),
      new PerInstance("tandem_vrrp_advertisements_received", "Valid adverts received", true,
          s -> s.counters().advertsReceived()),
      new PerInstance("tandem_vrrp_become_master", "Times this instance became master", true,
          s -> s.counters().becameMaster()),
      new PerInstance("tandem_vrrp_release_master", "Times this instance left master", true,
          s -> s.counters().releasedMaster()),
      new PerInstance("tandem_vrrp_transitions", "State transitions", true, s -> s.counters().transitions()),
      new PerInstance("tandem_journal_held_events", "Events waiting for the journal (it cannot be written)", false,
          s -> s.journal().held()),
      new PerInstance("tandem_journal_dropped_events", "Events dropped while the journal could not be written", true,
          s -> s.journal().dropped()));

  private final Supplier<ControllerStatus> status;

  /** {@code status} is asked at each scrape, on the HTTP server's thread. */
  StatusMetrics(Supplier<ControllerStatus> status) {
    this.status = status;
  }

  @Override
  public MetricSnapshots collect() {
    return snapshots(status.get());
  }

  static MetricSnapshots snapshots(ControllerStatus status) {
    List<MetricSnapshot> out = new ArrayList<>();
    for (PerInstance metric : PER_INSTANCE) {
      List<Point> points = status.instances().stream()
          .map(i -> new Point(instanceLabels(i), metric.value().applyAsDouble(i))).toList();
      out.add(metric.counter() ? counter(metric.name(), metric.help(), points) : gauge(metric.name(), metric.help(), points));
    }
    List<Point> scripts = new ArrayList<>();
    for (InstanceStatus instance : status.instances()) {
      for (ScriptStatus script : instance.scripts()) {
        if (script.health() != Health.UNKNOWN) {
          scripts.add(new Point(Labels.of("instance", instance.instance(), "script", script.name()),
              script.health() == Health.HEALTHY ? 1 : 0));
        }
      }
    }
    out.add(gauge("tandem_vrrp_script_status", "Tracked check verdict: 1 healthy, 0 failed (absent until known)", scripts));
    List<Point> invalid = new ArrayList<>();
    for (Map.Entry<String, Map<DiscardReason, Long>> iface : status.invalidPackets().entrySet()) {
      iface.getValue().forEach((reason, count) -> invalid.add(new Point(
          Labels.of("interface", iface.getKey(), "reason", reason.name().toLowerCase(Locale.ROOT)), count)));
    }
    out.add(counter("tandem_vrrp_invalid_packets", "Received VRRP frames dropped, by reason", invalid));
    return new MetricSnapshots(out);
  }

  private record Point(Labels labels, double value) {}

  private static Labels instanceLabels(InstanceStatus status) {
    return Labels.of("instance", status.instance(), "interface", status.interfaceName(), "vrid",
        Integer.toString(status.virtualRouterId()));
  }

  private static MetricSnapshot gauge(String name, String help, List<Point> points) {
    GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
    points.forEach(p -> builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
        .labels(p.labels()).value(p.value()).build()));
    return builder.build();
  }

  private static MetricSnapshot counter(String name, String help, List<Point> points) {
    CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
    points.forEach(p -> builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
        .labels(p.labels()).value(p.value()).build()));
    return builder.build();
  }
}
