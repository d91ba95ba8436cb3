package dev.tandem.vrrp;

import java.util.List;
import java.util.Optional;

/**
 * The result of one input: the next machine, the actions to run in order, the transition if the
 * state changed, and a log line (without the "(VI_1) " prefix) when keepalived would log one for
 * an input that changes no state, e.g. "received lower priority (90) advert from 192.0.2.12 - discarding".
 */
public record Step(Machine next, List<Action> actions, Optional<Transition> transition, Optional<String> note) {
  public Step {
    actions = List.copyOf(actions);
  }
}
