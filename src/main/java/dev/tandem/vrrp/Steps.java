package dev.tandem.vrrp;

import java.util.List;
import java.util.Optional;

/** Builders for the three shapes a step takes: ignored, handled in place, or a change of state. */
final class Steps {
  private Steps() {}

  /** The input does not apply in this state (e.g. a timer that raced a transition). */
  static Step ignore(Machine machine) {
    return new Step(machine, List.of(), Optional.empty(), Optional.empty());
  }

  static Step stay(Machine next, List<Action> actions) {
    return new Step(next, actions, Optional.empty(), Optional.empty());
  }

  /** Handled without a change of state, with the line keepalived logs for it. */
  static Step stay(Machine next, List<Action> actions, String note) {
    return new Step(next, actions, Optional.empty(), Optional.of(note));
  }

  static Step move(Machine from, Machine next, List<Action> actions, TransitionReason reason) {
    return new Step(next, actions, Optional.of(new Transition(from.state(), next.state(), reason)), Optional.empty());
  }
}
