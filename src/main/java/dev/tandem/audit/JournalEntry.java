package dev.tandem.audit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.tandem.instance.InstanceEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * One journaled event as the audit reads it. {@code analysed} holds the event when it is a kind the
 * analysis reasons about (start, transition, stop); every other kind, including kinds written by a
 * later tandem, keeps only its name and its fields ({@code details}), so the timeline still shows it.
 */
public record JournalEntry(Instant at, String node, String instance, String kind, Optional<InstanceEvent> analysed,
    String details) {

  public static JournalEntry of(InstanceEvent event) {
    return new JournalEntry(event.at(), event.node(), event.instance(), kindOf(event.getClass()), Optional.of(event), "");
  }

  /** The name the journal's JSON gives this event class (its {@code type} field). */
  public static String kindOf(Class<?> eventClass) {
    return Arrays.stream(InstanceEvent.class.getAnnotation(JsonSubTypes.class).value())
        .filter(type -> type.value() == eventClass)
        .map(JsonSubTypes.Type::name)
        .findFirst()
        .orElse(eventClass.getSimpleName());
  }
}
