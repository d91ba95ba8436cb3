package dev.tandem.net;

import dev.tandem.wire.MacAddress;
import java.net.Inet4Address;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A broadcast segment in memory, for tests: every frame a link sends reaches every other started
 * link at once, on the sender's thread, so that tests driven by manual time stay deterministic.
 * Taps see every frame; a link that is cut neither sends nor receives; frames matching the drop rule
 * reach no link (a firewall between the hosts: taps, like a capture on the bridge, still see them).
 */
public final class InMemoryNetwork {
  private final List<InMemoryLink> links = new CopyOnWriteArrayList<>();
  private final List<Consumer<byte[]>> taps = new CopyOnWriteArrayList<>();
  private volatile Predicate<byte[]> dropped = frame -> false;

  public InMemoryLink link(String name, MacAddress mac, Inet4Address address) {
    InMemoryLink link = new InMemoryLink(this, name, mac, address);
    links.add(link);
    return link;
  }

  /** Observes every frame sent on the segment (like a capture on the bridge). */
  public void tap(Consumer<byte[]> tap) {
    taps.add(tap);
  }

  /** From now on, frames matching {@code rule} reach no link; {@code frame -> false} lets all through again. */
  public void drop(Predicate<byte[]> rule) {
    dropped = rule;
  }

  void carry(InMemoryLink from, byte[] frame) {
    if (from.isCut()) {
      return;
    }
    taps.forEach(t -> t.accept(frame.clone()));
    if (dropped.test(frame)) {
      return;
    }
    for (InMemoryLink to : links) {
      if (to != from) {
        to.deliver(frame.clone());
      }
    }
  }

  void remove(InMemoryLink link) {
    links.remove(link);
  }
}
