package dev.tandem.instance;

import dev.tandem.vrrp.VrrpState;
import java.util.List;
import java.util.Optional;

/**
 * A running instance as it is now: what {@code /status}, {@code /metrics} and the signal dumps
 * show. {@code master} is empty while no master is known; {@code lastTransition} is empty before
 * the first one; {@code journal} counts the events waiting for the journal (none while it writes).
 */
public record InstanceStatus(
    String instance,
    String interfaceName,
    int virtualRouterId,
    VrrpState state,
    int configuredPriority,
    int effectivePriority,
    Optional<CurrentMaster> master,
    List<String> vips,
    Optional<LastTransition> lastTransition,
    AdvertCounters counters,
    List<ScriptStatus> scripts,
    HeldEvents journal) {

  public InstanceStatus {
    vips = List.copyOf(vips);
    scripts = List.copyOf(scripts);
  }
}
