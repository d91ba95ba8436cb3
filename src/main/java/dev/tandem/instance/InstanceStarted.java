package dev.tandem.instance;

import dev.tandem.vrrp.VrrpState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The process started this instance. {@code recoveredState} is the last state in the journal and
 * {@code previousStopClean} whether a stop event followed it: Master without a clean stop means the
 * previous process crashed while Master.
 */
public record InstanceStarted(
    int schema,
    Instant at,
    String node,
    String instance,
    Optional<VrrpState> recoveredState,
    boolean previousStopClean,
    int priority,
    List<String> vips)
    implements InstanceEvent {}
