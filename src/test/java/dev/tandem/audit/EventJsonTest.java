package dev.tandem.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.StateChanged;
import dev.tandem.vrrp.VrrpState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Journal payloads, as Pekko's jackson-json serializer writes them, back into audit entries. */
class EventJsonTest {
  private static final StateChanged TAKEOVER = Events.changed("lb2", 53.4, VrrpState.BACKUP, VrrpState.MASTER,
      Events.masterDown("192.0.2.11", 150, 50.0), 100);

  private static byte[] json(InstanceEvent event) throws IOException {
    return EventJson.MAPPER.writerFor(InstanceEvent.class).writeValueAsBytes(event);
  }

  @Test
  void anAnalysedKindReadsBackAsTheEventItself() throws IOException {
    JournalEntry entry = EventJson.decode(json(TAKEOVER), StateChanged.class.getName());

    assertEquals(JournalEntry.of(TAKEOVER), entry);
    assertEquals("state-changed", entry.kind());
  }

  @Test
  void anEventWrittenByAnOlderVersionWithoutLaterFieldsIsRead() throws IOException {
    // Schema 1 as first written: no peerLastHeard in the cause, no vips; and a field this build does not know.
    String old = "{\"type\":\"state-changed\",\"schema\":1,\"at\":\"2026-11-01T10:00:53.400Z\",\"node\":\"lb2\","
        + "\"instance\":\"VI_1\",\"from\":\"BACKUP\",\"to\":\"MASTER\",\"cause\":{\"kind\":\"master-down\","
        + "\"detail\":\"no advert\",\"peer\":\"192.0.2.11\",\"peerPriority\":150},\"priority\":100,\"retired\":true}";

    StateChanged read = (StateChanged) EventJson.decode(old.getBytes(StandardCharsets.UTF_8), StateChanged.class.getName()).analysed().orElseThrow();

    assertEquals(1, read.schema());
    assertEquals(Events.at(53.4), read.at());
    assertEquals(Optional.of("192.0.2.11"), read.cause().peer());
    assertEquals(Optional.empty(), read.cause().peerLastHeard());
  }

  @Test
  void aKindThisBuildDoesNotAnalyseKeepsItsFields() throws IOException {
    String future = "{\"type\":\"priority-changed\",\"schema\":2,\"at\":\"2026-11-01T10:00:00Z\",\"node\":\"lb1\","
        + "\"instance\":\"VI_1\",\"from\":150,\"to\":100,\"check\":{\"name\":\"chk_nginx\",\"ok\":false},\"gone\":null}";

    JournalEntry entry = EventJson.decode(future.getBytes(StandardCharsets.UTF_8), "dev.tandem.instance.PriorityChanged");

    assertEquals(new JournalEntry(Events.T0, "lb1", "VI_1", "priority-changed", Optional.empty(),
        "from=150, to=100, check={\"name\":\"chk_nginx\",\"ok\":false}"), entry);
    assertEquals("priority-changed: from=150, to=100, check={\"name\":\"chk_nginx\",\"ok\":false}",
        TimelineText.describe(entry));
  }

  @Test
  void aGzippedPayloadIsRead() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(json(TAKEOVER));
    }

    assertEquals(JournalEntry.of(TAKEOVER), EventJson.decode(zipped.toByteArray(), StateChanged.class.getName()));
  }

  @Test
  void somethingElseIsRefusedWithWhatItWas() {
    IOException e = assertThrows(IOException.class, () -> EventJson.decode("[1,2]".getBytes(StandardCharsets.UTF_8), "x.Unknown"));
    assertTrue(e.getMessage().contains("not an event: [1,2]"), e.getMessage());
  }
}
