package dev.tandem.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeepalivedImporterTest {
  private static final Path SEEDS = Path.of("src/test/resources/keepalived");
  private static final HostFacts HOST = new HostFacts("node1", Set.of("eth0", "lo"), false);

  @TempDir
  Path dir;

  static Stream<Path> seedConfigs() throws IOException {
    try (Stream<Path> files = Files.list(SEEDS)) {
      return files.filter(file -> file.toString().endsWith(".conf")).sorted().collect(Collectors.toList()).stream();
    }
  }

  @ParameterizedTest
  @MethodSource("seedConfigs")
  void everySeedConvertsAndLoadsWithoutErrors(Path seed) {
    ImportResult converted = KeepalivedImporter.convert(seed);
    assertFalse(converted.hasErrors(), () -> render(converted.problems()));
    LoadResult loaded = ConfigLoader.loadText(converted.hocon(), seed + " (converted)", HOST);
    assertFalse(loaded.hasErrors(), () -> render(loaded.problems()) + "\n" + converted.hocon());
    assertFalse(loaded.config().orElseThrow().instances().isEmpty());
  }

  @Test
  void seed000MasterKeepsItsValues() {
    ControllerConfig config = load(SEEDS.resolve("seed-000-master.conf"));
    InstanceConfig vi1 = config.instances().get(0);
    assertEquals("VI_1", vi1.name());
    assertEquals(InitialState.MASTER, vi1.initialState());
    assertEquals("ens33", vi1.interfaceName());
    assertEquals(51, vi1.virtualRouterId());
    assertEquals(100, vi1.priority());
    assertEquals(Duration.ofSeconds(1), vi1.advertInterval());
    assertEquals(AuthType.PASS, vi1.authType());
    assertEquals("1111", vi1.authPassword());
    assertEquals(List.of("192.168.252.101/32"), vi1.virtualAddresses().stream().map(VirtualAddress::cidr).collect(Collectors.toList()));
    assertEquals("keep_131", config.global().routerId());
    assertEquals("keep_131", config.global().nodeId());
  }

  @Test
  void seed000CheckScriptIsTracked() {
    ControllerConfig config = load(SEEDS.resolve("seed-000-master-check-nginx.conf"));
    ScriptConfig script = config.scripts().get("check_nginx");
    assertEquals(new CheckSpec.Script("/etc/keepalived/check_nginx.sh"), script.check());
    assertEquals(Duration.ofSeconds(2), script.interval());
    assertEquals(Duration.ofSeconds(2), script.timeout());
    assertEquals(10, script.weight());
    assertEquals(List.of("check_nginx"), config.instances().get(0).trackScripts().stream()
        .map(TrackScriptRef::name).collect(Collectors.toList()));
  }

  @Test
  void seed002BackupIsNonPreemptive() {
    InstanceConfig vi1 = load(SEEDS.resolve("seed-002-lb02-nopreempt.conf")).instances().get(0);
    assertEquals(InitialState.BACKUP, vi1.initialState());
    assertFalse(vi1.preempt());
    assertEquals(100, vi1.priority());
    assertEquals(50, vi1.virtualRouterId());
  }

  @Test
  void seed003KeepsMailSettingsAndRouterIdAsNodeId() {
    ImportResult converted = KeepalivedImporter.convert(SEEDS.resolve("seed-003-master.conf"));
    GlobalConfig global = load(SEEDS.resolve("seed-003-master.conf")).global();
    assertEquals("LVS_DEVEL", global.routerId());
    assertEquals("LVS_DEVEL", global.nodeId());
    assertEquals(Optional.of("www.linuxzen.com"), global.smtpServer());
    assertEquals(Duration.ofSeconds(30), global.smtpConnectTimeout());
    assertEquals(Optional.of("root@linuxzen.com"), global.notificationEmailFrom());
    assertEquals(List.of("cold_night@linuxzen.com"), global.notificationEmail());
    assertEquals(List.of("seed-003-master.conf:26: warning: virtual_server: virtual_server (LVS) is not supported by tandem; block ignored"),
        converted.problems().stream().map(p -> Path.of(p.origin().file()).getFileName() + ":" + p.origin().line() + ": "
            + p.severity().name().toLowerCase() + ": " + p.key() + ": " + p.message()).collect(Collectors.toList()));
  }

  @Test
  void seed004UndefinedTrackScriptIsAWarningAndDropped() {
    ImportResult converted = KeepalivedImporter.convert(SEEDS.resolve("seed-004-master.conf"));
    LoadResult loaded = ConfigLoader.loadText(converted.hocon(), "seed-004", HOST);
    assertTrue(loaded.problems().stream().anyMatch(p -> p.message().equals("track script check_nginx_alive not found, ignoring")));
    assertTrue(loaded.config().orElseThrow().instances().get(0).trackScripts().isEmpty());
  }

  @Test
  void eachInstanceAndScriptNamesItsSourceLine() {
    String hocon = KeepalivedImporter.convert(SEEDS.resolve("seed-000-master-check-nginx.conf")).hocon();
    assertTrue(hocon.startsWith("# tandem configuration converted from "));
    assertTrue(hocon.contains("# from " + SEEDS.resolve("seed-000-master-check-nginx.conf") + ":6\n"), hocon);
    assertTrue(hocon.contains("# from " + SEEDS.resolve("seed-000-master-check-nginx.conf") + ":14\n"), hocon);
  }

  @Test
  void convertsEverySupportedOption() throws IOException {
    Path conf = write("keepalived.conf",
        "global_defs {",
        "  router_id lb01",
        "  vrrp_version 3",
        "  smtp_server 192.0.2.25 2525",
        "  smtp_alert",
        "}",
        "vrrp_script chk {",
        "  script \"/usr/local/bin/check nginx\"",
        "  interval 2",
        "  timeout 1",
        "  weight -20",
        "  rise 2",
        "  fall 3",
        "  user nobody",
        "}",
        "vrrp_instance VI_9 {",
        "  state BACKUP",
        "  interface eth0",
        "  virtual_router_id 9",
        "  priority 90",
        "  advert_int 0.5",
        "  nopreempt",
        "  preempt_delay 10",
        "  garp_master_delay 3",
        "  garp_master_repeat 2",
        "  garp_master_refresh 60",
        "  garp_master_refresh_repeat 4",
        "  unicast_src_ip 192.0.2.1",
        "  dont_track_primary",
        "  unicast_peer {",
        "    192.0.2.2",
        "  }",
        "  virtual_ipaddress {",
        "    192.0.2.100/24 dev eth0 label eth0:1",
        "  }",
        "  track_script {",
        "    chk weight -30",
        "  }",
        "  track_interface {",
        "    eth0",
        "    eth1 weight 5",
        "  }",
        "  notify_master \"/bin/notify master\"",
        "  notify_backup /bin/backup",
        "  notify_fault /bin/fault",
        "  notify_stop /bin/stop",
        "  notify /bin/any",
        "}");
    ImportResult converted = KeepalivedImporter.convert(conf);
    assertEquals(List.of(), converted.problems());
    ControllerConfig config = ConfigLoader.loadText(converted.hocon(), "x", HOST).config().orElseThrow();
    assertEquals("lb01", config.global().nodeId());
    assertEquals(Optional.of("192.0.2.25:2525"), config.global().smtpServer());
    assertTrue(config.global().smtpAlert());
    ScriptConfig chk = config.scripts().get("chk");
    assertEquals(new ScriptConfig("chk", new CheckSpec.Script("/usr/local/bin/check nginx"), Duration.ofSeconds(2), Duration.ofSeconds(1), -20, 2, 3,
        Optional.of("nobody"), chk.origin()), chk);
    InstanceConfig vi = config.instances().get(0);
    assertEquals(3, vi.version());
    assertEquals(Duration.ofMillis(500), vi.advertInterval());
    assertFalse(vi.preempt());
    assertEquals(Duration.ofSeconds(10), vi.preemptDelay());
    assertEquals(new GarpConfig(Duration.ofSeconds(3), 2, Duration.ofSeconds(60), 4), vi.garp());
    assertEquals("192.0.2.1", vi.unicastSource().orElseThrow().getHostAddress());
    assertEquals("192.0.2.2", vi.unicastPeers().get(0).getHostAddress());
    VirtualAddress vip = vi.virtualAddresses().get(0);
    assertEquals("192.0.2.100/24", vip.cidr());
    assertEquals(Optional.of("eth0"), vip.device());
    assertEquals(Optional.of("eth0:1"), vip.label());
    assertEquals("chk", vi.trackScripts().get(0).name());
    assertEquals(-30, vi.trackScripts().get(0).weight().getAsInt());
    assertEquals(List.of(new TrackInterface("eth0", 0), new TrackInterface("eth1", 5)), vi.trackInterfaces());
    assertTrue(vi.dontTrackPrimary());
    assertEquals(Optional.of("/bin/notify master"), vi.notifications().master());
    assertEquals(Optional.of("/bin/any"), vi.notifications().generic());
  }

  @Test
  void scriptSecurityScriptUserAndRealtimePriorityAreKept() throws IOException {
    Path conf = write("keepalived.conf",
        "global_defs {",
        "  enable_script_security",
        "  script_user keepalived_script nogroup",
        "  vrrp_rt_priority 50",
        "}",
        "vrrp_instance VI_1 {",
        "  interface eth0",
        "  virtual_router_id 1",
        "  virtual_ipaddress {",
        "    192.0.2.10/24",
        "  }",
        "}");
    ImportResult converted = KeepalivedImporter.convert(conf);
    assertEquals(List.of(), converted.problems());
    GlobalConfig global = ConfigLoader.loadText(converted.hocon(), "x", HOST).config().orElseThrow().global();
    assertTrue(global.enableScriptSecurity());
    assertEquals(Optional.of("keepalived_script nogroup"), global.scriptUser());
    assertEquals(50, global.vrrpRtPriority());
  }

  @Test
  void syncGroupBecomesASyncGroupOfTheSameInstances() throws IOException {
    Path conf = write("keepalived.conf",
        "vrrp_sync_group G1 {",
        "  group {",
        "    VI_1",
        "    VI_2",
        "  }",
        "}",
        "vrrp_instance VI_1 {",
        "  interface eth0",
        "  virtual_router_id 51",
        "  virtual_ipaddress {",
        "    192.0.2.101/24",
        "  }",
        "}",
        "vrrp_instance VI_2 {",
        "  interface eth0",
        "  virtual_router_id 52",
        "  virtual_ipaddress {",
        "    192.0.2.102/24",
        "  }",
        "}");
    List<SyncGroupConfig> groups = load(conf).syncGroups();
    assertEquals(1, groups.size());
    assertEquals("G1", groups.get(0).name());
    assertEquals(List.of("VI_1", "VI_2"), groups.get(0).instances());
  }

  @Test
  void unsupportedOptionsAreWarningsWithTheirLine() throws IOException {
    Path conf = write("keepalived.conf",
        "global_defs {",
        "  vrrp_strict",
        "}",
        "vrrp_instance VI_1 {",
        "  interface eth0",
        "  virtual_router_id 1",
        "  use_vmac",
        "  virtual_ipaddress {",
        "    192.0.2.10/24 brd 192.0.2.255 dev eth0 no_track",
        "  }",
        "}",
        "virtual_server_group web {",
        "}",
        "static_ipaddress {",
        "}");
    assertEquals(List.of(
        "2 WARNING global_defs.vrrp_strict unsupported keepalived option `vrrp_strict`, ignored",
        "7 WARNING vrrp_instance VI_1.use_vmac unsupported keepalived option `use_vmac`, ignored",
        "9 WARNING vrrp_instance VI_1.virtual_ipaddress unsupported virtual_ipaddress option `brd 192.0.2.255`, ignored",
        "9 WARNING vrrp_instance VI_1.virtual_ipaddress unsupported virtual_ipaddress option `no_track`, ignored",
        "12 WARNING virtual_server_group virtual_server_group (LVS) is not supported by tandem; block ignored",
        "14 WARNING static_ipaddress unsupported keepalived option `static_ipaddress`, ignored"),
        summaries(KeepalivedImporter.convert(conf)));
  }

  @Test
  void unbalancedBracesAndMissingValuesAreErrors() throws IOException {
    Path conf = write("keepalived.conf",
        "vrrp_instance VI_1 {",
        "  priority",
        "  virtual_ipaddress 192.0.2.1",
        "  interface eth0",
        "}",
        "}",
        "vrrp_script chk {",
        "  script /bin/true");
    assertEquals(List.of(
        "2 ERROR vrrp_instance VI_1.priority missing value for `priority`",
        "3 ERROR vrrp_instance VI_1.virtual_ipaddress `virtual_ipaddress` needs a { } block",
        "6 ERROR (syntax) unexpected `}`: no block is open here",
        "7 ERROR vrrp_script block `vrrp_script` is never closed: missing `}`"),
        summaries(KeepalivedImporter.convert(conf)));
  }

  @Test
  void followsGlobIncludesRelativeToTheFile() throws IOException {
    Files.createDirectories(dir.resolve("conf.d"));
    write("conf.d/b.conf", "vrrp_instance VI_B {", "  interface eth0", "  virtual_router_id 2",
        "  virtual_ipaddress {", "    192.0.2.2", "  }", "}");
    write("conf.d/a.conf", "vrrp_instance VI_A {", "  interface eth0", "  virtual_router_id 1",
        "  virtual_ipaddress {", "    192.0.2.1", "  }", "}");
    Path main = write("keepalived.conf", "global_defs {", "  router_id lb01", "}", "include conf.d/*.conf",
        "include missing.conf");
    ImportResult converted = KeepalivedImporter.convert(main);
    assertEquals(List.of("5 ERROR (file) cannot read " + dir.resolve("missing.conf") + ": no such file"),
        summaries(converted));
    List<InstanceConfig> instances = ConfigLoader.loadText(converted.hocon(), "x", HOST).config().orElseThrow().instances();
    assertEquals(List.of("VI_A", "VI_B"), instances.stream().map(InstanceConfig::name).collect(Collectors.toList()));
    assertTrue(converted.hocon().contains("# from " + dir.resolve("conf.d/a.conf") + ":1"), converted.hocon());
  }

  @Test
  void aMissingFileIsAnError() {
    ImportResult converted = KeepalivedImporter.convert(dir.resolve("nope.conf"));
    assertTrue(converted.hasErrors());
    assertEquals("cannot read " + dir.resolve("nope.conf") + ": no such file", converted.problems().get(0).message());
  }

  private static List<String> summaries(ImportResult result) {
    return result.problems().stream()
        .map(p -> p.origin().line() + " " + p.severity() + " " + p.key() + " " + p.message())
        .collect(Collectors.toList());
  }

  private static ControllerConfig load(Path keepalivedConf) {
    ImportResult converted = KeepalivedImporter.convert(keepalivedConf);
    LoadResult loaded = ConfigLoader.loadText(converted.hocon(), keepalivedConf + " (converted)", HOST);
    return loaded.config().orElseThrow(() -> new AssertionError(render(loaded.problems())));
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private static String render(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::render).collect(Collectors.joining("\n"));
  }
}
