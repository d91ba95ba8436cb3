package dev.tandem.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {
  private static final String VI_1 = "tandem.instances.VI_1 { interface = eth0, virtual-router-id = 51, priority = 150,"
      + " virtual-addresses = [\"192.0.2.100/24\"], track-scripts = [chk] }\n";
  private static final String VI_2 = "tandem.instances.VI_2 { interface = eth0, virtual-router-id = 52,"
      + " virtual-addresses = [\"192.0.2.101/24\"] }\n";
  private static final String CHK = "tandem.scripts.chk { script = \"/bin/true\", interval = 2s }\n";

  @Test
  void theSameSettingsOnOtherLinesChangeNothing() {
    ControllerConfig running = load(CHK + VI_1 + VI_2);
    ControllerConfig moved = load("# a comment\n\n" + VI_2 + "\n" + VI_1 + "\n\n" + CHK);
    assertNotEquals(running.instances().get(0).origin(), moved.instances().get(1).origin(),
        "the origins differ, so plain equality would restart both");

    ConfigDiff diff = ConfigDiff.between(running, moved);
    assertEquals(List.of("VI_2", "VI_1"), diff.unchanged());
    assertEquals("2 unchanged, 0 restarted, 0 added, 0 removed", diff.summary());
    assertFalse(diff.refused());
  }

  @Test
  void aChangedSettingRestartsOnlyThatInstance() {
    ConfigDiff diff = ConfigDiff.between(load(CHK + VI_1 + VI_2), load(CHK + VI_1 + VI_2.replace("52", "53")));
    assertEquals(List.of("VI_1"), diff.unchanged());
    assertEquals(List.of("VI_2"), names(diff.restarted()));
    assertEquals(53, diff.restarted().get(0).virtualRouterId(), "the restart runs the new settings");
  }

  @Test
  void aChangedTrackedScriptRestartsTheInstancesTrackingIt() {
    ConfigDiff diff = ConfigDiff.between(load(CHK + VI_1 + VI_2), load(CHK.replace("2s", "3s") + VI_1 + VI_2));
    assertEquals(List.of("VI_2"), diff.unchanged());
    assertEquals(List.of("VI_1"), names(diff.restarted()));
  }

  @Test
  void theScriptUserCountsOnlyForInstancesThatRunScripts() {
    ControllerConfig other = load("tandem.global.script-user = nobody\n" + CHK + VI_1 + VI_2);
    ConfigDiff diff = ConfigDiff.between(load(CHK + VI_1 + VI_2), other);
    assertEquals(List.of("VI_2"), diff.unchanged());
    assertEquals(List.of("VI_1"), names(diff.restarted()));
  }

  @Test
  void newInstancesAreAddedAndMissingOnesRemoved() {
    String vi3 = VI_2.replace("VI_2", "VI_3").replace("52", "53");
    ConfigDiff diff = ConfigDiff.between(load(CHK + VI_1 + VI_2), load(CHK + VI_1 + vi3));
    assertEquals(List.of("VI_3"), names(diff.added()));
    assertEquals(List.of("VI_2"), names(diff.removed()));
    assertEquals("1 unchanged, 0 restarted, 1 added, 1 removed", diff.summary());
  }

  @Test
  void nodeIdJournalAndFleetCannotBeReloaded() {
    ControllerConfig running = load(CHK + VI_1);
    ControllerConfig other = load("tandem.global.node-id = lb9\ntandem.journal.dir = /var/lib/other\n"
        + "tandem.fleet { url = \"jdbc:postgresql://192.0.2.9/tandem\", user = tandem }\n" + CHK + VI_1);
    ConfigDiff diff = ConfigDiff.between(running, other);
    assertTrue(diff.refused());
    assertEquals(3, diff.refusals().size(), diff.refusals().toString());
    assertEquals("tandem.global.node-id cannot be changed by a reload (running lb01, new lb9): restart tandem to"
        + " change it", diff.refusals().get(0));
    assertTrue(diff.refusals().get(1).startsWith("tandem.journal.dir cannot be changed"), diff.refusals().get(1));
    assertTrue(diff.refusals().get(2).startsWith("tandem.fleet cannot be changed"), diff.refusals().get(2));
  }

  @Test
  void settingsReadAtStartCannotBeReloaded() {
    String group = "tandem.sync-groups.G1 { instances = [VI_1, VI_2] }\n";
    ControllerConfig running = load(CHK + VI_1 + VI_2 + group);
    ControllerConfig other = load("tandem.global { router-id = LVS_DEVEL, notification-email = [\"ops@example.com\"],"
        + " smtp-server = \"192.0.2.25\", smtp-alert = true, handover-on-stop = true,"
        + " vrrp-rt-priority = 50 }\ntandem.status.port = 8871\n"
        + CHK + VI_1 + VI_2 + group.replace("G1", "G2"));
    ConfigDiff diff = ConfigDiff.between(running, other);
    assertEquals(List.of(
        "tandem.global.router-id cannot be changed by a reload (running the node id, new LVS_DEVEL): restart tandem to change it",
        "tandem.global.notification-email cannot be changed by a reload (running [], new [ops@example.com]): restart"
            + " tandem to change it",
        "tandem.global.smtp-server cannot be changed by a reload (running none, new 192.0.2.25):"
            + " restart tandem to change it",
        "tandem.global.smtp-alert cannot be changed by a reload (running false, new true): restart tandem to change it",
        "tandem.global.handover-on-stop cannot be changed by a reload (running false, new true): restart tandem to"
            + " change it",
        "tandem.global.vrrp-rt-priority cannot be changed by a reload (running 0, new 50): restart tandem to change it",
        "tandem.status cannot be changed by a reload: restart tandem to change it",
        "tandem.sync-groups cannot be changed by a reload: restart tandem to change it"), diff.refusals());
  }

  @Test
  void aSyncGroupWrittenElsewhereIsUnchanged() {
    String group = "tandem.sync-groups.G1 { instances = [VI_1, VI_2] }\n";
    ConfigDiff diff = ConfigDiff.between(load(CHK + VI_1 + VI_2 + group),
        load(group.replace("VI_1, VI_2", "VI_2, VI_1") + "\n" + CHK + VI_1 + VI_2));
    assertFalse(diff.refused(), diff.refusals().toString());
  }

  private static List<String> names(List<InstanceConfig> instances) {
    return instances.stream().map(InstanceConfig::name).collect(Collectors.toList());
  }

  private static ControllerConfig load(String hocon) {
    LoadResult result = ConfigLoader.loadText(hocon, "test.conf", new HostFacts("lb01", Set.of(), false));
    assertEquals(List.of(), result.problems().stream().map(ConfigProblem::render).toList());
    return result.config().orElseThrow();
  }
}
