package dev.tandem.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusRenderingTest {

  @Test
  void statusJsonNamesEveryFieldOperatorsRead() throws IOException {
    JsonNode json = StatusJson.MAPPER.readTree(StatusJson.render(StatusSamples.lb1()));

    assertEquals("lb1", json.path("node").asText());
    JsonNode master = json.path("instances").get(0);
    assertEquals("VI_1", master.path("name").asText());
    assertEquals(51, master.path("virtualRouterId").asInt());
    assertEquals("MASTER", master.path("state").asText());
    assertEquals(100, master.path("priority").path("configured").asInt());
    assertEquals(90, master.path("priority").path("effective").asInt());
    assertTrue(master.path("master").path("self").asBoolean());
    assertEquals("192.0.2.100/24", master.path("vips").get(0).asText());
    assertEquals("master-down", master.path("lastTransition").path("kind").asText());
    assertEquals("2026-01-02T03:04:05Z", master.path("lastTransition").path("at").asText());
    assertEquals(42, master.path("counters").path("advertsSent").asLong());
    assertEquals(1, master.path("counters").path("becameMaster").asLong());
    assertEquals(3, master.path("journal").path("heldEvents").asInt());
    assertEquals(0, master.path("journal").path("droppedEvents").asLong());
    assertEquals("FAILED", master.path("scripts").get(0).path("health").asText());
    assertEquals(3, json.path("invalidPackets").path("eth0").path("CHECKSUM").asLong());

    JsonNode backup = json.path("instances").get(1);
    assertEquals("192.0.2.12", backup.path("master").path("address").asText());
    assertFalse(backup.path("master").path("self").asBoolean());
    assertTrue(backup.path("lastTransition").isNull(), "no transition yet is null, not absent");
    assertTrue(backup.path("scripts").isArray() && backup.path("scripts").isEmpty());
  }

  @Test
  void metricsFollowTheKeepalivedExporterShape() throws IOException {
    List<String> lines = metricLines(StatusMetrics.snapshots(StatusSamples.lb1()));

    assertTrue(lines.contains("tandem_vrrp_state{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 2.0"), String.join("\n", lines));
    assertTrue(lines.contains("tandem_vrrp_state{instance=\"VI_2\",interface=\"eth0\",vrid=\"52\"} 1.0"));
    assertTrue(lines.contains("tandem_vrrp_priority{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 90.0"));
    assertTrue(lines.contains("tandem_vrrp_configured_priority{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 100.0"));
    assertTrue(lines.contains("tandem_vrrp_advertisements_sent_total{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 42.0"));
    assertTrue(lines.contains("tandem_vrrp_advertisements_received_total{instance=\"VI_2\",interface=\"eth0\",vrid=\"52\"} 12.0"));
    assertTrue(lines.contains("tandem_vrrp_become_master_total{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 1.0"));
    assertTrue(lines.contains("tandem_vrrp_release_master_total{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 0.0"));
    assertTrue(lines.contains("tandem_vrrp_transitions_total{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 2.0"));
    assertTrue(lines.contains("tandem_journal_held_events{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 3.0"));
    assertTrue(lines.contains("tandem_vrrp_invalid_packets_total{interface=\"eth0\",reason=\"checksum\"} 3.0"));
    assertTrue(lines.contains("tandem_vrrp_script_status{instance=\"VI_1\",script=\"chk_nginx\"} 0.0"));
    assertTrue(lines.stream().noneMatch(l -> l.contains("chk_disk")), "a check not run yet has no value");
    assertTrue(lines.stream().anyMatch(l -> l.matches("# TYPE tandem_vrrp_advertisements_sent(_total)? counter")), String.join("\n", lines));
    assertTrue(lines.contains("# TYPE tandem_vrrp_state gauge"));
  }

  @Test
  void aControllerWithoutInstancesStillRenders() throws IOException {
    var empty = new dev.tandem.instance.ControllerStatus("lb9", List.of(), Map.of());
    assertTrue(StatusJson.MAPPER.readTree(StatusJson.render(empty)).path("instances").isEmpty());
    assertTrue(metricLines(StatusMetrics.snapshots(empty)).stream().noneMatch(l -> l.startsWith("tandem_")));
  }

  @Test
  void tableHasOneLinePerInstanceWithStateMasterAndLastTransition() throws IOException {
    String table = StatusTable.render(StatusJson.MAPPER.readTree(StatusJson.render(StatusSamples.lb1())));
    List<String> lines = table.lines().toList();

    assertEquals("node lb1", lines.get(0));
    assertTrue(lines.get(1).startsWith("INSTANCE"), table);
    assertTrue(lines.get(2).matches("VI_1 +eth0 +51 +MASTER +90/100 +192\\.0\\.2\\.11 \\(self\\) +192\\.0\\.2\\.100/24 +"
        + "BACKUP->MASTER at 2026-01-02T03:04:05Z: no advert heard within Master_Down_Interval"), table);
    assertTrue(lines.get(3).matches("VI_2 +eth0 +52 +BACKUP +80/80 +192\\.0\\.2\\.12 \\(prio 100\\) +"
        + "192\\.0\\.2\\.200/24,192\\.0\\.2\\.201/24 +-"), table);
    assertEquals(lines.get(1).indexOf("STATE"), lines.get(2).indexOf("MASTER"), "columns line up");
  }

  static List<String> metricLines(io.prometheus.metrics.model.snapshots.MetricSnapshots snapshots) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, snapshots);
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
