package dev.tandem.instance;

import dev.tandem.vrrp.VrrpState;
import java.util.Optional;

/**
 * What the journal says about an instance: its last journaled state, whether the last thing it
 * did was a clean stop, and its last event (so that events held for a write that failed after its
 * commit are not written twice, see {@link JournalBacklog#writtenThrough}). The RFC variables are
 * not here: they live in the running actor, because a recovered state never makes a node Master by
 * itself.
 */
public record JournaledState(Optional<VrrpState> lastState, boolean stoppedCleanly, Optional<InstanceEvent> last) {
  public static JournaledState empty() {
    return new JournaledState(Optional.empty(), false, Optional.empty());
  }

  public JournaledState apply(InstanceEvent event) {
    if (event instanceof StateChanged changed) {
      return new JournaledState(Optional.of(changed.to()), false, Optional.of(event));
    }
    return new JournaledState(lastState, event instanceof InstanceStopped, Optional.of(event));
  }
}
