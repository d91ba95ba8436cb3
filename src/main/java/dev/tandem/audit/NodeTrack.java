package dev.tandem.audit;

import dev.tandem.vrrp.VrrpState;
import java.time.Instant;
import java.util.Optional;

/**
 * What the analysis remembers of one node's instance: its current state and since when, its last
 * event, and when another node's takeover showed it was no longer heard as Master.
 */
final class NodeTrack {
  final String node;
  final FlapWindow flaps;
  Optional<VrrpState> state = Optional.empty();
  Instant since;
  Optional<Instant> lastEvent = Optional.empty();
  /** When a new master last heard this one, while this one journaled no loss. */
  Optional<Instant> supersededAt = Optional.empty();

  NodeTrack(String node, FlapWindow flaps) {
    this.node = node;
    this.flaps = flaps;
  }

  boolean isMaster() {
    return state.equals(Optional.of(VrrpState.MASTER));
  }

  /** Enters {@code next} at {@code at}; returns the span it left, if it was in one. */
  Optional<StateSpan> enter(String instance, Optional<VrrpState> next, Instant at) {
    Optional<StateSpan> left = end(instance, at);
    state = next;
    since = at;
    supersededAt = Optional.empty();
    return left;
  }

  /** The span of the current state, ended at {@code at}. */
  Optional<StateSpan> end(String instance, Instant at) {
    return state.map(s -> new StateSpan(instance, node, s, since, at.isBefore(since) ? since : at));
  }
}
