package dev.tandem.audit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * One node's recent transitions against a {@link FlapRule}: a flapping period opens when the rule's
 * count falls within its window and closes at the first transition that comes a window or more
 * after the previous one. Keeps only as many times as the rule counts.
 */
final class FlapWindow {
  private final FlapRule rule;
  private final String instance;
  private final String node;
  private final ArrayDeque<Instant> recent = new ArrayDeque<>();
  private Instant openedAt;
  private Instant lastAt;
  private int count;

  FlapWindow(FlapRule rule, String instance, String node) {
    this.rule = rule;
    this.instance = instance;
    this.node = node;
  }

  /** Adds a transition; returns a flapping period that this transition ended. */
  Optional<Flapping> record(Instant at) {
    Optional<Flapping> closed = lastAt != null && !at.isBefore(lastAt.plus(rule.window())) ? close() : Optional.empty();
    recent.addLast(at);
    while (!recent.getFirst().isAfter(at.minus(rule.window())) || recent.size() > rule.transitions()) {
      recent.removeFirst();
    }
    if (openedAt != null) {
      count++;
    } else if (recent.size() >= rule.transitions()) {
      openedAt = recent.getFirst();
      count = recent.size();
    }
    lastAt = at;
    return closed;
  }

  /** Ends an open flapping period (the journal ended, or the node calmed down). */
  Optional<Flapping> close() {
    Optional<Flapping> period = openedAt == null ? Optional.empty()
        : Optional.of(new Flapping(instance, node, openedAt, lastAt, count));
    openedAt = null;
    count = 0;
    return period;
  }
}
