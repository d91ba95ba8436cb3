package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.config.CheckSpec;
import dev.tandem.config.ConfigLoader;
import dev.tandem.config.ControllerConfig;
import dev.tandem.config.GlobalConfig;
import dev.tandem.config.HostFacts;
import dev.tandem.config.LoadResult;
import dev.tandem.config.ScriptConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lab's configuration files with tracked checks: each node runs its own script, both daemons the same settings. */
class LabConfigsTest {
  private static final LabNode LB1 = new LabNode("lb1", "tnd00000-lb1", "192.0.2.11", "02:00:00:00:00:11");
  private static final LabNode LB2 = new LabNode("lb2", "tnd00000-lb2", "192.0.2.12", "02:00:00:00:00:12");
  private static final LabCheck CHECK_NGINX =
      LabCheck.script("check_nginx", node -> Path.of("/tmp/lab", node.name(), "check_nginx.sh")).withWeight(-60).withFall(2);
  private static final LabInstance INSTANCE = LabInstance.v2("VI_1", 51, 150, "192.0.2.100/24").tracking(CHECK_NGINX);

  @Test
  void tandemLoadsTheNodesOwnScriptWithTheChecksSettingsAndTheInstanceTracksIt() {
    ControllerConfig config = load(LabConfigs.tandem(LB2, List.of(LB1, LB2), List.of(INSTANCE, INSTANCE.withPriority(90))));
    ScriptConfig script = config.scripts().get("check_nginx");
    assertEquals(new CheckSpec.Script("/tmp/lab/lb2/check_nginx.sh"), script.check());
    assertEquals(List.of(Duration.ofSeconds(1), -60, 2, 1), List.of(script.interval(), script.weight(), script.fall(),
        script.rise()));
    assertEquals(1, config.scripts().size(), "a check two instances track is defined once");
    assertEquals("check_nginx", config.instances().get(0).trackScripts().get(0).name());
  }

  @Test
  void theBuiltInHttpCheckLoadsWithItsHostHeader() {
    ControllerConfig config = load(LabConfigs.tandem(LB1, List.of(LB1, LB2),
        List.of(LabInstance.v2("VI_1", 51, 150, "192.0.2.100/24").tracking(LabNginx.httpCheck()))));
    CheckSpec.Http http = (CheckSpec.Http) config.scripts().get("nginx_http").check();
    assertEquals("http://127.0.0.1/", http.url().toString());
    assertEquals(LabNginx.SITE, http.host().orElseThrow());
  }

  @Test
  void keepalivedGetsTheSameScriptAsAVrrpScriptAndATrackScriptBlock() {
    String conf = LabConfigs.keepalived(LB1, List.of(LB1, LB2), List.of(INSTANCE));
    assertTrue(conf.contains("vrrp_script check_nginx {\n    script \"/tmp/lab/lb1/check_nginx.sh\"\n    interval 1\n"
        + "    weight -60\n    rise 1\n    fall 2\n}\n"), conf);
    assertTrue(conf.contains("    track_script {\n        check_nginx\n    }\n"), conf);
    assertTrue(conf.indexOf("vrrp_script") < conf.indexOf("vrrp_instance"), "defined before it is tracked");
  }

  @Test
  void keepalivedHasNoBuiltInHttpCheck() {
    LabInstance instance = LabInstance.v2("VI_1", 51, 150, "192.0.2.100/24").tracking(LabNginx.httpCheck());
    LabException e = assertThrows(LabException.class, () -> LabConfigs.keepalived(LB1, List.of(LB1, LB2), List.of(instance)));
    assertTrue(e.getMessage().contains("keepalived has no built-in check"), e.getMessage());
  }

  @Test
  void anInstanceWithoutChecksTracksNothing() {
    String conf = LabConfigs.keepalived(LB1, List.of(LB1, LB2), List.of(LabInstance.v2("VI_1", 51, 150, "192.0.2.100/24")));
    assertFalse(conf.contains("track_script") || conf.contains("vrrp_script"), conf);
  }

  @Test
  void aClientLineIsParsedAndAnAnswerNamesItsNode() {
    ClientRequest ok = ClientRequest.parse("1700000000123 OK lb2");
    assertEquals(1700000000123L, ok.at().toEpochMilli());
    assertTrue(ok.answeredBy(LB2));
    assertFalse(ok.answeredBy(LB1));
    ClientRequest failed = ClientRequest.parse("1700000000143 FAIL ConnectException: Connection refused");
    assertFalse(failed.ok() || failed.answeredBy(LB1) || failed.answeredBy(LB2));
    assertThrows(LabException.class, () -> ClientRequest.parse("garbage"));
  }

  @Test
  void smtpAlertsMergeIntoTheGlobalSection() {
    String hocon = LabConfigs.tandem(LB1, List.of(LB1, LB2), List.of(INSTANCE))
        + LabConfigs.smtpAlerts("192.0.2.50:25", List.of("ops@example.com", "oncall@example.com"), "lb1@example.com",
            Duration.ofSeconds(3));
    GlobalConfig global = load(hocon).global();
    assertTrue(global.smtpAlert());
    assertEquals("lb1", global.nodeId(), "the node's own global settings stay");
    assertEquals(List.of("192.0.2.50:25", "lb1@example.com", List.of("ops@example.com", "oncall@example.com"),
        Duration.ofSeconds(3)), List.of(global.smtpServer().orElseThrow(), global.notificationEmailFrom().orElseThrow(),
        global.notificationEmail(), global.smtpConnectTimeout()));
  }

  private static ControllerConfig load(String hocon) {
    LoadResult result = ConfigLoader.loadText(hocon, "lab", new HostFacts("lb1", Set.of("eth0", "lo"), true));
    assertFalse(result.hasErrors(), result.problems().toString() + "\n" + hocon);
    return result.config().orElseThrow();
  }
}
