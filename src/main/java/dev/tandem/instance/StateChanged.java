package dev.tandem.instance;

import dev.tandem.vrrp.VrrpState;
import java.time.Instant;
import java.util.List;

/** A transition, with why it happened and the priorities and addresses at that moment. */
public record StateChanged(
    int schema,
    Instant at,
    String node,
    String instance,
    VrrpState from,
    VrrpState to,
    Cause cause,
    int priority,
    List<String> vips)
    implements InstanceEvent {}
