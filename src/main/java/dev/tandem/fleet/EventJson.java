package dev.tandem.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.instance.InstanceEvent;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * Events as JSON with the very mapper the local journal's jackson-json serializer uses, so that
 * the fleet store holds what the local journal holds and the audit reads both alike.
 */
public final class EventJson {
  private final ObjectMapper mapper;

  public EventJson(ActorSystem<?> system) {
    this.mapper = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-json", Optional.empty());
  }

  public String write(InstanceEvent event) throws JsonProcessingException {
    return mapper.writeValueAsString(event);
  }

  public InstanceEvent read(String json) throws JsonProcessingException {
    return mapper.readValue(json, InstanceEvent.class);
  }

  /** The JSON's type name ("state-changed"): read from the JSON, so that new event kinds need no change. */
  public String kind(String json) throws JsonProcessingException {
    return mapper.readTree(json).path("type").asText("");
  }
}
