package dev.tandem.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.InstanceStarted;
import dev.tandem.instance.InstanceStopped;
import dev.tandem.instance.StateChanged;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;

/**
 * Turns a journal payload (Pekko's jackson-json: the event's JSON, gzipped when large) into a
 * {@link JournalEntry}. Unknown properties are ignored and missing ones read as empty, so events
 * written by older or newer versions stay readable; kinds the analysis does not reason about are
 * kept as their fields without needing their class.
 */
public final class EventJson {
  /** The same settings as Pekko's jackson-json serializer, which wrote the journal. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  private static final Set<String> ANALYSED = Set.of(JournalEntry.kindOf(InstanceStarted.class),
      JournalEntry.kindOf(StateChanged.class), JournalEntry.kindOf(InstanceStopped.class));
  private static final Set<String> HEADER = Set.of("type", "schema", "at", "node", "instance");

  private EventJson() {}

  /** @throws IOException when the payload is not an event's JSON */
  public static JournalEntry decode(byte[] payload) throws IOException {
    JsonNode tree;
    try (InputStream in = unzipped(payload)) {
      tree = MAPPER.readTree(in);
    }
    if (tree == null || !tree.isObject() || !tree.hasNonNull("at")) {
      throw new IOException("not an event: " + abbreviated(new String(payload, 0, Math.min(payload.length, 80))));
    }
    String kind = tree.path("type").asText("unknown");
    Instant at = MAPPER.treeToValue(tree.get("at"), Instant.class);
    String node = tree.path("node").asText("");
    String instance = tree.path("instance").asText("");
    if (ANALYSED.contains(kind)) {
      InstanceEvent event = MAPPER.treeToValue(tree, InstanceEvent.class);
      return new JournalEntry(at, node, instance, kind, Optional.of(event), "");
    }
    return new JournalEntry(at, node, instance, kind, Optional.empty(), details(tree));
  }

  private static InputStream unzipped(byte[] payload) throws IOException {
    InputStream in = new ByteArrayInputStream(payload);
    boolean gzip = payload.length > 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
    return gzip ? new GZIPInputStream(in) : in;
  }

  private static String details(JsonNode tree) {
    StringJoiner out = new StringJoiner(", ");
    for (Iterator<Map.Entry<String, JsonNode>> fields = tree.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!HEADER.contains(field.getKey()) && !field.getValue().isNull()) {
        JsonNode value = field.getValue();
        out.add(field.getKey() + "=" + (value.isValueNode() ? value.asText() : value.toString()));
      }
    }
    return out.toString();
  }

  private static String abbreviated(String text) {
    return text.length() < 80 ? text : text + "...";
  }
}
