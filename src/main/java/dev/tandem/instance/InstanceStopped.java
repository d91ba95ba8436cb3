package dev.tandem.instance;

import dev.tandem.vrrp.VrrpState;
import java.time.Instant;

/** The instance stopped on an operator's request; {@code lastState} is the state it left. */
public record InstanceStopped(int schema, Instant at, String node, String instance, VrrpState lastState, String cause)
    implements InstanceEvent {}
