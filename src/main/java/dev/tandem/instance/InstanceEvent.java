package dev.tandem.instance;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * The journaled facts of one instance, serialized as JSON. Every event carries the schema version
 * it was written with, so that later versions can read old journals.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = InstanceStarted.class, name = "started"),
  @JsonSubTypes.Type(value = StateChanged.class, name = "state-changed"),
  @JsonSubTypes.Type(value = InstanceStopped.class, name = "stopped"),
  @JsonSubTypes.Type(value = HealthChanged.class, name = "health-changed"),
  @JsonSubTypes.Type(value = SplitBrainChanged.class, name = "split-brain")
})
public sealed interface InstanceEvent permits InstanceStarted, StateChanged, InstanceStopped, HealthChanged,
    SplitBrainChanged {
  int SCHEMA_VERSION = 1;

  int schema();

  /** Wall-clock time of the decision. */
  Instant at();

  String node();

  String instance();
}
