package dev.tandem.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * What an audit reports: one instance or all, one node or all, a time window. The analysis always
 * sees every node of an instance (an episode needs both sides); the filter only chooses what is shown.
 */
public record AuditFilter(Optional<String> instance, Optional<String> node, Optional<Instant> since,
    Optional<Instant> until) {
  public static final AuditFilter ALL = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty());

  public boolean showsInstance(String name) {
    return instance.map(name::equals).orElse(true);
  }

  public boolean showsNode(String name) {
    return node.map(name::equals).orElse(true);
  }

  public boolean inWindow(Instant at) {
    return since.map(s -> !at.isBefore(s)).orElse(true) && until.map(u -> !at.isAfter(u)).orElse(true);
  }

  public boolean shows(JournalEntry entry) {
    return showsNode(entry.node()) && inWindow(entry.at());
  }

  public boolean shows(Episode episode) {
    return (showsNode(episode.lostBy()) || showsNode(episode.takenBy())) && inWindow(episode.at());
  }

  /** The span cut to the window; empty when it lies outside. */
  public Optional<StateSpan> clip(StateSpan span) {
    Instant start = since.filter(span.from()::isBefore).orElse(span.from());
    Instant end = until.filter(span.to()::isAfter).orElse(span.to());
    return end.isAfter(start) && showsNode(span.node())
        ? Optional.of(new StateSpan(span.instance(), span.node(), span.state(), start, end))
        : Optional.empty();
  }
}
