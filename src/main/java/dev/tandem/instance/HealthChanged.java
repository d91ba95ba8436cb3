package dev.tandem.instance;

import java.time.Instant;
import java.util.List;

/**
 * A tracked check's or interface's verdict changed the instance's effective priority or its fault
 * set: which source ("chk_nginx", "interface eth1"), its result and detail ("exited with status 1",
 * "link down"), the effective priority before and after, and the sources now holding the instance
 * in Fault (empty when none). A state change it causes
 * follows as its own event.
 */
public record HealthChanged(
    int schema,
    Instant at,
    String node,
    String instance,
    String check,
    boolean healthy,
    String detail,
    int fromPriority,
    int toPriority,
    List<String> faults)
    implements InstanceEvent {}
