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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final HostFacts ANY_HOST = new HostFacts("lb01", Set.of(), false);
  private static final String MINIMAL_INSTANCE =
      "interface = eth0, virtual-router-id = 51, virtual-addresses = [\"192.0.2.100\"]";

  @TempDir
  Path dir;

  @Test
  void defaultsAreKeepalivedDefaults() {
    ControllerConfig config = load("tandem.instances.VI_1 { " + MINIMAL_INSTANCE + " }");
    InstanceConfig vi = config.instances().get(0);
    assertEquals(InitialState.BACKUP, vi.initialState());
    assertEquals(100, vi.priority());
    assertEquals(Duration.ofSeconds(1), vi.advertInterval());
    assertEquals(2, vi.version());
    assertTrue(vi.preempt());
    assertEquals(Duration.ZERO, vi.preemptDelay());
    assertEquals(AuthType.NONE, vi.authType());
    assertEquals(ChecksumMode.WITH_PSEUDO_HEADER, vi.checksumMode());
    assertEquals(new GarpConfig(Duration.ofSeconds(5), 5, Duration.ZERO, 1), vi.garp());
    assertEquals(Optional.empty(), vi.unicastSource());
    assertEquals(List.of(), vi.unicastPeers());
    assertEquals(NotifyConfig.none(), vi.notifications());
    assertEquals(Optional.empty(), vi.splitBrain(), "the split-brain detector is off by default");
    VirtualAddress vip = vi.virtualAddresses().get(0);
    assertEquals("192.0.2.100/32", vip.cidr());
    assertEquals(Optional.empty(), vip.device());

    GlobalConfig global = config.global();
    assertEquals("lb01", global.nodeId());
    assertEquals("lb01", global.routerId());
    assertEquals(List.of(), global.notificationEmail());
    assertEquals(Optional.empty(), global.smtpServer());
    assertEquals(Duration.ofSeconds(30), global.smtpConnectTimeout());
    assertFalse(global.smtpAlert());
    assertEquals(Path.of("journal"), config.journal().dir());
    assertEquals(Optional.of(Duration.ofDays(90)), config.journal().retention());
    assertEquals(Optional.empty(), config.fleet());
  }

  @Test
  void fleetJournalTakesItsDefaultsOnceAUrlIsSet() {
    ControllerConfig config = load("tandem.fleet { url = \"jdbc:postgresql://127.0.0.1:5432/tandem\", user = tandem,"
        + " password-file = /etc/tandem/fleet-password }\n"
        + "tandem.instances.VI_1 { " + MINIMAL_INSTANCE + " }");
    assertEquals(Optional.of(new FleetConfig("jdbc:postgresql://127.0.0.1:5432/tandem", "tandem", Optional.empty(),
        Optional.of(Path.of("/etc/tandem/fleet-password")), Duration.ofSeconds(1), 500)), config.fleet());
  }

  @Test
  void masterWithoutPriorityGets255AndWithOneKeepsIt() {
    ControllerConfig config = load("tandem.instances {\n"
        + "  A { state = MASTER, " + MINIMAL_INSTANCE + " }\n"
        + "  B { state = MASTER, priority = 150, interface = eth0, virtual-router-id = 52, virtual-addresses = [\"192.0.2.101\"] }\n"
        + "}");
    assertEquals(List.of(255, 150), config.instances().stream().map(InstanceConfig::priority).collect(Collectors.toList()));
  }

  @Test
  void nopreemptWithMasterIsClearedWithAWarning() {
    LoadResult result = loadResult("tandem.instances.VI_1 { state = MASTER, preempt = false, " + MINIMAL_INSTANCE + " }");
    assertTrue(result.config().orElseThrow().instances().get(0).preempt());
    assertEquals(List.of(ConfigProblem.Severity.WARNING), result.problems().stream().map(ConfigProblem::severity).collect(Collectors.toList()));
    assertEquals("tandem.instances.VI_1.preempt", result.problems().get(0).key());
  }

  @Test
  void nopreemptWithBackupIsKept() {
    LoadResult result = loadResult("tandem.instances.VI_1 { preempt = false, " + MINIMAL_INSTANCE + " }");
    assertFalse(result.config().orElseThrow().instances().get(0).preempt());
    assertEquals(List.of(), result.problems());
  }

  @Test
  void scriptTimeoutDefaultsToItsIntervalAndBareNumbersAreSeconds() {
    ControllerConfig config = load("tandem.scripts {\n"
        + "  a { script = \"/bin/true\", interval = 3 }\n"
        + "  b { script = \"/bin/true\", interval = 1500ms, timeout = 0.5 }\n"
        + "}\ntandem.instances.VI_1 { " + MINIMAL_INSTANCE + " }");
    assertEquals(Duration.ofSeconds(3), config.scripts().get("a").timeout());
    assertEquals(Duration.ofMillis(1500), config.scripts().get("b").interval());
    assertEquals(Duration.ofMillis(500), config.scripts().get("b").timeout());
    assertEquals(1, config.scripts().get("a").rise());
    assertEquals(1, config.scripts().get("a").fall());
    assertEquals(0, config.scripts().get("a").weight());
  }

  @Test
  void splitBrainPeersDefaultToTheUnicastPeers() {
    InstanceConfig vi = load("tandem.instances.VI_1 { " + MINIMAL_INSTANCE + ", unicast-peers = [\"192.0.2.12\"],"
        + " split-brain { enabled = true } }").instances().get(0);
    assertEquals(Optional.of(new SplitBrainConfig(List.of(Ipv4.parse("192.0.2.12").orElseThrow()), Duration.ofSeconds(1),
        SplitBrainAction.YIELD)), vi.splitBrain());
  }

  @Test
  void splitBrainTakesItsOwnPeersIntervalAndAction() {
    InstanceConfig vi = load("tandem.instances.VI_1 { " + MINIMAL_INSTANCE + ", split-brain { enabled = true,"
        + " peers = [\"192.0.2.11\", \"192.0.2.13\"], interval = 500ms, action = stay-stopped } }").instances().get(0);
    assertEquals(Optional.of(new SplitBrainConfig(List.of(Ipv4.parse("192.0.2.11").orElseThrow(),
        Ipv4.parse("192.0.2.13").orElseThrow()), Duration.ofMillis(500), SplitBrainAction.STAY_STOPPED)), vi.splitBrain());
  }

  @Test
  void instanceDefaultsApplyToEveryInstance() {
    ControllerConfig config = load("tandem.instance-defaults { interface = eth1, version = 3, advert-interval = 100ms }\n"
        + "tandem.instances.VI_1 { virtual-router-id = 1, virtual-addresses = [\"192.0.2.1\"] }\n"
        + "tandem.instances.VI_2 { virtual-router-id = 2, virtual-addresses = [\"192.0.2.2\"], interface = eth0 }");
    assertEquals(List.of("eth1", "eth0"), config.instances().stream().map(InstanceConfig::interfaceName).collect(Collectors.toList()));
    assertEquals(10, config.instances().get(0).advertIntervalCentis());
  }

  @Test
  void trackReferencesTakeNamesOrObjectsAndUnknownScriptsAreDropped() {
    LoadResult result = loadResult("tandem.scripts.chk.script = \"/bin/true\"\ntandem.scripts.chk2.script = \"/bin/true\"\n"
        + "tandem.instances.VI_1 { " + MINIMAL_INSTANCE + ", track-scripts = [chk, {name = chk2, weight = -20}, ghost],"
        + " track-interfaces = [eth0, {name = eth1, weight = 10}], dont-track-primary = true }");
    InstanceConfig vi = result.config().orElseThrow().instances().get(0);
    assertEquals(List.of("chk", "chk2"), vi.trackScripts().stream().map(TrackScriptRef::name).collect(Collectors.toList()));
    assertEquals(-20, vi.trackScripts().get(1).weight().getAsInt());
    assertEquals(List.of(new TrackInterface("eth0", 0), new TrackInterface("eth1", 10)), vi.trackInterfaces());
    assertTrue(vi.dontTrackPrimary());
    assertEquals(List.of("track script ghost not found, ignoring"),
        result.problems().stream().map(ConfigProblem::message).collect(Collectors.toList()));
  }

  @Test
  void longPassIsTruncatedToEightCharacters() {
    LoadResult result = loadResult("tandem.instances.VI_1 { authentication { type = PASS, password = \"123456789\" }, "
        + MINIMAL_INSTANCE + " }");
    assertEquals("12345678", result.config().orElseThrow().instances().get(0).authPassword());
    assertEquals(ConfigProblem.Severity.WARNING, result.problems().get(0).severity());
  }

  @Test
  void virtualAddressObjectsAndLines() {
    InstanceConfig vi = load("tandem.instances.VI_1 { interface = eth0, virtual-router-id = 1, virtual-addresses = [\n"
        + "  \"192.0.2.10/24 dev eth1 label eth1:1\",\n"
        + "  { address = \"192.0.2.11\", prefix = 25, device = eth2, label = \"eth2:vip\" }\n"
        + "] }").instances().get(0);
    assertEquals(List.of(
        new VirtualAddress(Ipv4.parse("192.0.2.10").orElseThrow(), 24, Optional.of("eth1"), Optional.of("eth1:1")),
        new VirtualAddress(Ipv4.parse("192.0.2.11").orElseThrow(), 25, Optional.of("eth2"), Optional.of("eth2:vip"))),
        vi.virtualAddresses());
  }

  @Test
  void missingInterfaceIsAnErrorOnlyWhenStrict() {
    String text = "tandem.instances.VI_1 { " + MINIMAL_INSTANCE + " }";
    LoadResult lenient = ConfigLoader.loadText(text, "t.conf", new HostFacts("h", Set.of("lo"), false));
    LoadResult strict = ConfigLoader.loadText(text, "t.conf", new HostFacts("h", Set.of("lo"), true));
    LoadResult unknownHost = ConfigLoader.loadText(text, "t.conf", new HostFacts("h", Set.of(), true));
    assertEquals(ConfigProblem.Severity.WARNING, lenient.problems().get(0).severity());
    assertTrue(lenient.config().isPresent());
    assertEquals(ConfigProblem.Severity.ERROR, strict.problems().get(0).severity());
    assertTrue(strict.config().isEmpty());
    assertEquals(List.of(), unknownHost.problems());
  }

  @Test
  void nodeIdAndRouterIdFallBackInTurn() {
    GlobalConfig named = load("tandem.global { node-id = n1 }\ntandem.instances.VI_1 { " + MINIMAL_INSTANCE + " }").global();
    assertEquals("n1", named.nodeId());
    assertEquals("n1", named.routerId());
    GlobalConfig both = load("tandem.global { node-id = n1, router-id = LVS_DEVEL }\ntandem.instances.VI_1 { " + MINIMAL_INSTANCE + " }").global();
    assertEquals("LVS_DEVEL", both.routerId());
  }

  @Test
  void includesResolveRelativeToTheFile() throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/instances.conf"), "tandem.instances.VI_1 { " + MINIMAL_INSTANCE + " }\n");
    Path main = dir.resolve("main.conf");
    Files.writeString(main, "include \"sub/instances.conf\"\ntandem.global.node-id = n1\n");
    LoadResult result = ConfigLoader.load(main, ANY_HOST);
    assertEquals(List.of(), result.problems());
    assertEquals("eth0", result.config().orElseThrow().instances().get(0).interfaceName());
    assertEquals(dir.resolve("sub/instances.conf").toString(), result.config().get().instances().get(0).origin().file());
  }

  @Test
  void aMissingFileIsAProblemNotAnException() {
    LoadResult result = ConfigLoader.load(dir.resolve("absent.conf"), ANY_HOST);
    assertTrue(result.hasErrors());
    assertEquals(dir.resolve("absent.conf").toString(), result.problems().get(0).origin().file());
  }

  @Test
  void noInstancesIsAWarning() {
    LoadResult result = loadResult("tandem.global.node-id = n1");
    assertTrue(result.config().isPresent());
    assertEquals(List.of("no instances configured: nothing to run"),
        result.problems().stream().map(ConfigProblem::message).collect(Collectors.toList()));
  }

  @Test
  void builtInChecksTakeTheirDefaultsFromCheckDefaults() {
    ControllerConfig config = load("tandem.check-defaults.http.host = \"www.example.com\"\n"
        + "tandem.scripts.web.http { url = \"http://127.0.0.1:8080/health\" }\n"
        + "tandem.scripts.api.http { url = \"https://192.0.2.20/\", status = 204, host = api.example.com }\n"
        + "tandem.scripts.port.tcp { host = 192.0.2.20, port = 80 }\n"
        + "tandem.scripts.nginx.process { pid-file = /run/nginx.pid }\n"
        + "tandem.scripts.shell.script = \"/bin/true\"\n"
        + "tandem.instances.VI_1 { " + MINIMAL_INSTANCE + " }");
    assertEquals(new CheckSpec.Http(java.net.URI.create("http://127.0.0.1:8080/health"), 200,
        Optional.of("www.example.com")), config.scripts().get("web").check());
    assertEquals(new CheckSpec.Http(java.net.URI.create("https://192.0.2.20/"), 204, Optional.of("api.example.com")),
        config.scripts().get("api").check());
    assertEquals(new CheckSpec.Tcp("192.0.2.20", 80), config.scripts().get("port").check());
    assertEquals(new CheckSpec.Process(Path.of("/run/nginx.pid")), config.scripts().get("nginx").check());
    assertEquals(new CheckSpec.Script("/bin/true"), config.scripts().get("shell").check());
  }

  @Test
  void scriptSecurityIsOffAndTheScriptUserUnsetByDefault() {
    GlobalConfig defaults = load("tandem.global.node-id = a\ntandem.instances.VI_1 { " + MINIMAL_INSTANCE + " }").global();
    assertFalse(defaults.enableScriptSecurity());
    assertEquals(Optional.empty(), defaults.scriptUser());
    GlobalConfig set = load("tandem.global { node-id = a, enable-script-security = true, script-user = \"nobody nogroup\" }\n"
        + "tandem.instances.VI_1 { " + MINIMAL_INSTANCE + " }").global();
    assertTrue(set.enableScriptSecurity());
    assertEquals(Optional.of("nobody nogroup"), set.scriptUser());
  }

  @Test
  void aScriptTrackedTwiceIsTrackedOnceWithKeepalivedsWarning() {
    LoadResult result = loadResult("tandem.scripts.chk.script = \"/bin/true\"\n"
        + "tandem.instances.VI_1 { " + MINIMAL_INSTANCE + ", track-scripts = [chk, {name = chk, weight = -20}] }");
    InstanceConfig vi = result.config().orElseThrow().instances().get(0);
    assertEquals(1, vi.trackScripts().size());
    assertTrue(vi.trackScripts().get(0).weight().isEmpty());
    assertEquals(List.of("duplicate track_script chk - ignoring"),
        result.problems().stream().map(ConfigProblem::message).collect(Collectors.toList()));
  }

  private static ControllerConfig load(String hocon) {
    LoadResult result = loadResult(hocon);
    assertEquals(List.of(), result.problems().stream().map(ConfigProblem::render).collect(Collectors.toList()));
    return result.config().orElseThrow();
  }

  private static LoadResult loadResult(String hocon) {
    return ConfigLoader.loadText(hocon, "test.conf", ANY_HOST);
  }

  @Test
  void journalRetentionForeverKeepsEverything() {
    String text = "tandem.journal.retention = forever\ntandem.instances.VI_1 { interface = lo, virtual-router-id = 51,"
        + " virtual-addresses = [\"192.0.2.100/24\"] }";

    LoadResult result = ConfigLoader.loadText(text, "t.conf", new HostFacts("h", Set.of("lo"), true));

    assertEquals(Optional.empty(), result.config().orElseThrow().journal().retention());
  }
}
