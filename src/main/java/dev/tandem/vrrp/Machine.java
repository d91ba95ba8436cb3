package dev.tandem.vrrp;

import java.time.Duration;
import java.util.Optional;

/**
 * The RFC variables of one virtual router between two inputs. {@code masterAdverInterval} is the
 * interval adopted from the master (v3) or the configured one; {@code startedAtNanos} dates the
 * start of the preempt delay. {@code releasing} marks a Master handing over: it has announced
 * priority 0 but keeps its addresses until a new master advertises or Master_Down_Interval passes.
 */
public record Machine(
    VrrpState state,
    int effectivePriority,
    Duration masterAdverInterval,
    Optional<HeardMaster> lastMaster,
    long startedAtNanos,
    boolean releasing) {

  public static Machine initial(RouterParams params, long nowNanos) {
    return new Machine(VrrpState.INITIALIZE, params.priority(), params.advertInterval(), Optional.empty(), nowNanos, false);
  }
}
