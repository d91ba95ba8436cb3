package dev.tandem.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tandem.instance.InstanceEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Turns a journal payload (Pekko's jackson-json: the event's JSON, gzipped when large) into a
 * {@link JournalEntry}. Unknown properties are ignored and missing ones read as empty, so events
 * written by older or newer versions stay readable; kinds the analysis does not reason about are
 * kept as their fields without needing their class. The payload's class comes from the journal's
 * manifest column, so no kind is told apart by a failed parse.
 */
public final class EventJson {
  /** The same settings as Pekko's jackson-json serializer, which wrote the journal. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .registerModule(new JavaTimeModule())
      .registerModule(new SimpleModule().addDeserializer(Instant.class, new UtcInstantReader())
          .addSerializer(Instant.class, new UtcInstantWriter()))
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  /**
   * Every kind this build knows, by the class name the serializer stores as the manifest: a reader
   * made once per kind (readValue(bytes, Class) looked its deserializer up again for every event).
   */
  private static final Map<String, PayloadKind> ANALYSED = Arrays.stream(InstanceEvent.class.getPermittedSubclasses())
      .collect(Collectors.toUnmodifiableMap(Class::getName,
          c -> new PayloadKind(Optional.of(new KnownKind(MAPPER.readerFor(c), JournalEntry.kindOf(c))))));
  private static final PayloadKind OTHER = new PayloadKind(Optional.empty());
  private static final Set<String> HEADER = Set.of("type", "schema", "at", "node", "instance");

  private EventJson() {}

  /**
   * {@code manifest} is the class name the serializer stored beside the payload: the kinds this
   * build knows are read straight into their records, any other (a newer build's) as a tree.
   *
   * @throws IOException when the payload is not an event's JSON
   */
  public static JournalEntry decode(byte[] payload, String manifest) throws IOException {
    return decode(payload, kindOf(manifest));
  }

  /**
   * What a manifest says of its payload. Looked up where the manifest is read: on another thread
   * than the decoding, the lookup was a tenth of the decoding (the manifest's first touch there).
   */
  public static PayloadKind kindOf(String manifest) {
    return ANALYSED.getOrDefault(manifest, OTHER);
  }

  /** Like {@link #decode(byte[], String)}, with the manifest's kind already looked up. */
  public static JournalEntry decode(byte[] payload, PayloadKind kind) throws IOException {
    byte[] json = unzipped(payload);
    if (kind.known().isEmpty()) {
      return other(MAPPER.readTree(json), json);
    }
    KnownKind known = kind.known().get();
    InstanceEvent event = known.reader().readValue(json);
    if (event == null) {
      throw new IOException("not an event: " + abbreviated(json));
    }
    return new JournalEntry(event.at(), event.node(), event.instance(), known.kind(), Optional.of(event), "");
  }

  /** A payload's kind by its manifest: one this build reads into its record, or another (read as a tree). */
  public record PayloadKind(Optional<KnownKind> known) {}

  /** A kind this build knows: the reader of its record and its name in the timeline. */
  public record KnownKind(ObjectReader reader, String kind) {}

  /** A kind the analysis does not reason about, kept as its fields. */
  private static JournalEntry other(JsonNode tree, byte[] json) throws IOException {
    if (tree == null || !tree.isObject() || !tree.hasNonNull("at")) {
      throw new IOException("not an event: " + abbreviated(json));
    }
    return new JournalEntry(MAPPER.treeToValue(tree.get("at"), Instant.class), tree.path("node").asText(""),
        tree.path("instance").asText(""), tree.path("type").asText("unknown"), Optional.empty(), details(tree));
  }

  private static byte[] unzipped(byte[] payload) throws IOException {
    boolean gzip = payload.length > 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
    if (!gzip) {
      return payload;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
      return in.readAllBytes();
    }
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

  private static String abbreviated(byte[] json) {
    String text = new String(json, 0, Math.min(json.length, 80), StandardCharsets.UTF_8);
    return json.length <= 80 ? text : text + "...";
  }
}
