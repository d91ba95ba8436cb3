package dev.tandem.vrrp;

import java.time.Duration;
import java.util.Optional;

/**
 * The RFC variables of one virtual router between two inputs. {@code masterAdverInterval} is the
 * interval adopted from the master (v3) or the configured one; {@code startedAtNanos} dates the
 * start of the preempt delay.
 */
public record Machine(
    VrrpState state,
    int effectivePriority,
    Duration masterAdverInterval,
    Optional<HeardMaster> lastMaster,
    long startedAtNanos) {

  public static Machine initial(RouterParams params, long nowNanos) {
    return new Machine(VrrpState.INITIALIZE, params.priority(), params.advertInterval(), Optional.empty(), nowNanos);
  }
}
