package dev.tandem.instance;

import dev.tandem.vrrp.HeardMaster;
import dev.tandem.vrrp.VrrpState;
import java.util.Optional;

/** A running instance as it is now: state, effective priority, adverts taken in, last master heard. */
public record InstanceStatus(
    String instance, VrrpState state, int effectivePriority, long advertsReceived, Optional<HeardMaster> lastMaster) {}
