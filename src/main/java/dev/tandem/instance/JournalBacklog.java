package dev.tandem.instance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The events an instance has handed over for journaling and the journal has not confirmed yet, in
 * the order they happened. The journal writes from the front; what it could not write (a full disk,
 * a file system gone read-only) stays here, with its original timestamps, until it can. Bounded:
 * beyond the capacity the oldest are dropped and counted, so that a long outage cannot exhaust
 * the heap. Used by one actor; {@link #counts()} may be read from any thread (status).
 */
final class JournalBacklog {
  /** One event and, for the last event of a hand-over, what to run once it is written. */
  private record Held(InstanceEvent event, Optional<Settled> whenSettled) {}

  /**
   * What to run once a hand-over's events are settled: {@code written}, or dropped beyond the
   * capacity (whoever waits for them must not wait forever, nor count them as written).
   */
  @FunctionalInterface
  interface Settled {
    void settled(boolean written);
  }

  private final int capacity;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private long dropped;
  private volatile HeldEvents counts = HeldEvents.none();

  JournalBacklog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a backlog holds at least one event, not " + capacity);
    }
    this.capacity = capacity;
  }

  /** Holds {@code events}; {@code whenSettled} runs once the last of them is settled (at once for none). */
  void add(List<InstanceEvent> events, Optional<Settled> whenSettled) {
    if (events.isEmpty()) {
      whenSettled.ifPresent(s -> s.settled(true));
      return;
    }
    for (int i = 0; i < events.size(); i++) {
      held.addLast(new Held(events.get(i), i == events.size() - 1 ? whenSettled : Optional.empty()));
    }
    while (held.size() > capacity) {
      held.removeFirst().whenSettled().ifPresent(s -> s.settled(false));
      dropped++;
    }
    update();
  }

  /** Holds {@code event} before everything else (the start event of a run, known after recovery). */
  void addFirst(InstanceEvent event) {
    held.addFirst(new Held(event, Optional.empty()));
    update();
  }

  /** The first {@code max} held events, still held until {@link #written(int)} says so. */
  List<InstanceEvent> front(int max) {
    List<InstanceEvent> front = new ArrayList<>(Math.min(max, held.size()));
    Iterator<Held> it = held.iterator();
    while (front.size() < max && it.hasNext()) {
      front.add(it.next().event());
    }
    return front;
  }

  /** The first {@code count} held events are in the journal now. */
  void written(int count) {
    for (int i = 0; i < count; i++) {
      held.removeFirst().whenSettled().ifPresent(s -> s.settled(true));
    }
    update();
  }

  /**
   * The journal's last event is {@code last}: when it is held, it and everything before it were
   * written after all (a write can fail after its commit), so they are let go instead of written twice.
   */
  void writtenThrough(InstanceEvent last) {
    int position = 0;
    for (Held h : held) {
      position++;
      if (h.event().equals(last)) {
        written(position);
        return;
      }
    }
  }

  boolean isEmpty() {
    return held.isEmpty();
  }

  int size() {
    return held.size();
  }

  HeldEvents counts() {
    return counts;
  }

  private void update() {
    counts = new HeldEvents(held.size(), dropped);
  }
}
