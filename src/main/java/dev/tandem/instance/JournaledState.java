package dev.tandem.instance;

import dev.tandem.vrrp.VrrpState;
import java.util.Optional;

/**
 * What the journal says about an instance: its last journaled state and whether the last thing it
 * did was a clean stop. The RFC variables are not here: they live in the running actor, because a
 * recovered state never makes a node Master by itself.
 */
public record JournaledState(Optional<VrrpState> lastState, boolean stoppedCleanly) {
  public static JournaledState empty() {
    return new JournaledState(Optional.empty(), false);
  }

  public JournaledState apply(InstanceEvent event) {
    if (event instanceof StateChanged changed) {
      return new JournaledState(Optional.of(changed.to()), false);
    }
    if (event instanceof InstanceStopped) {
      return new JournaledState(lastState, true);
    }
    return new JournaledState(lastState, false);
  }
}
