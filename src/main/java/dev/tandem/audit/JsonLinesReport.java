package dev.tandem.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.instance.InstanceEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The audit for jq: one JSON object per line, each with a {@code type}: event, episode, crash,
 * flapping, totals. Times are ISO-8601 instants, durations milliseconds.
 */
public final class JsonLinesReport implements ReportSink {
  /** Made once: MAPPER.writeValue looked the event's serializer up again for every event. */
  private static final ObjectWriter EVENT_WRITER = EventJson.MAPPER.writerFor(InstanceEvent.class);
  private final JsonGenerator json;

  public JsonLinesReport(PrintWriter out) {
    try {
      // One generator for every line, writing into out (which the caller closes); lines are
      // separated by the newline written after each, not by the generator's default space.
      this.json = EventJson.MAPPER.getFactory().createGenerator(out)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
      json.setRootValueSeparator(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void instanceStart(String instance) {}

  /** Streamed field by field: a million events as trees cost more than the rest of the audit. */
  @Override
  public void entry(JournalEntry entry) {
    try {
      json.writeStartObject();
      json.writeStringField("type", "event");
      json.writeStringField("instance", entry.instance());
      json.writeStringField("at", UtcInstantWriter.format(entry.at()));
      json.writeStringField("node", entry.node());
      json.writeStringField("kind", entry.kind());
      json.writeStringField("text", TimelineText.describe(entry));
      if (entry.analysed().isPresent()) {
        json.writeFieldName("event");
        EVENT_WRITER.writeValue(json, entry.analysed().get());
      } else {
        json.writeStringField("details", entry.details());
      }
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streamed field by field like the events (there are about a third as many): same text as a tree. */
  @Override
  public void episode(Episode e) {
    try {
      json.writeStartObject();
      json.writeStringField("type", "episode");
      json.writeStringField("instance", e.instance());
      json.writeStringField("lostBy", e.lostBy());
      writeTime("lostAt", e.lostAt());
      json.writeStringField("lostWhy", e.lostWhy());
      json.writeStringField("takenBy", e.takenBy());
      writeTime("takenAt", e.takenAt());
      json.writeStringField("takenWhy", e.takenWhy());
      writeTime("lastHeard", e.lastHeard());
      if (e.gap().isPresent()) {
        json.writeNumberField("gapMs", millis(e.gap().get()));
      }
      json.writeStringField("handover", e.handover().name().toLowerCase(Locale.ROOT));
      json.writeStringField("handoverText", e.handover().description());
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private void writeTime(String field, Optional<Instant> at) throws IOException {
    if (at.isPresent()) {
      json.writeStringField(field, UtcInstantWriter.format(at.get()));
    }
  }

  @Override
  public void crash(Crash c) {
    ObjectNode line = line("crash", c.instance()).put("node", c.node())
        .put("restartedAt", UtcInstantWriter.format(c.restartedAt()));
    time(line, "lastJournaled", c.lastJournaled());
    write(line);
  }

  @Override
  public void flapping(Flapping f) {
    write(line("flapping", f.instance()).put("node", f.node()).put("from", UtcInstantWriter.format(f.from()))
        .put("to", UtcInstantWriter.format(f.to())).put("transitions", f.transitions()));
  }

  @Override
  public void instanceEnd(Totals totals) {
    ObjectNode line = line("totals", totals.instance());
    ObjectNode master = line.putObject("timeAsMasterMs");
    totals.timeAsMaster().forEach((node, time) -> master.put(node, millis(time)));
    if (!totals.masterUntilRestart().isEmpty()) {
      totals.masterUntilRestart().forEach(line.putArray("timeAsMasterAtMost")::add);
    }
    line.put("failovers", totals.failovers());
    totals.longestGap().ifPresent(e -> line.put("longestGapMs", millis(e.gap().orElseThrow()))
        .put("longestGapAt", UtcInstantWriter.format(e.at())));
    ObjectNode other = line.putObject("otherKinds");
    totals.otherKinds().forEach(other::put);
    write(line);
    try {
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode line(String type, String instance) {
    return EventJson.MAPPER.createObjectNode().put("type", type).put("instance", instance);
  }

  private static void time(ObjectNode line, String field, Optional<Instant> at) {
    at.ifPresent(t -> line.put(field, UtcInstantWriter.format(t)));
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }

  private void write(ObjectNode line) {
    try {
      EventJson.MAPPER.writeTree(json, line);
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
