package dev.tandem.audit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.tandem.instance.InstanceEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One journaled event as the audit reads it. {@code analysed} holds the event when it is a kind the
 * analysis reasons about (start, transition, stop); every other kind, including kinds written by a
 * later tandem, keeps only its name and its fields ({@code details}), so the timeline still shows it.
 */
public record JournalEntry(Instant at, String node, String instance, String kind, Optional<InstanceEvent> analysed,
    String details) {
  private static final Map<Class<?>, String> KINDS = Arrays.stream(
      InstanceEvent.class.getAnnotation(JsonSubTypes.class).value())
      .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));

  public static JournalEntry of(InstanceEvent event) {
    return new JournalEntry(event.at(), event.node(), event.instance(), kindOf(event.getClass()), Optional.of(event), "");
  }

  /** The name the journal's JSON gives this event class (its {@code type} field). */
  public static String kindOf(Class<?> eventClass) {
    String kind = KINDS.get(eventClass);
    return kind != null ? kind : eventClass.getSimpleName();
  }
}
