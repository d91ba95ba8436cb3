package dev.tandem.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.tandem.config.ConfigLoader;
import dev.tandem.config.ControllerConfig;
import dev.tandem.config.HostFacts;
import dev.tandem.instance.Controller;
import dev.tandem.net.InMemoryAddressTable;
import dev.tandem.net.InMemoryInterfaceMonitor;
import dev.tandem.net.InMemoryNetwork;
import dev.tandem.net.LinkHub;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.wire.MacAddress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real {@link Controller} (one instance on an in-memory segment, manual time, in-memory journal)
 * behind the status server on an ephemeral loopback port: what HTTP clients, {@code tandem status}
 * and the signal dump read.
 */
class StatusServerTest {
  private static final String CONFIG = """
      tandem {
        global.node-id = lb1
        instances.VI_1 {
          interface = eth0
          virtual-router-id = 51
          priority = 150
          virtual-addresses = ["192.0.2.100/24"]
        }
      }
      """;

  private ActorTestKit kit;
  private StatusQuery query;
  private StatusServer server;

  @TempDir
  Path dir;

  @BeforeEach
  void startController() throws IOException {
    kit = ActorTestKit.create("status", ManualTime.config()
        .withFallback(PersistenceTestKitPlugin.getInstance().config())
        .withFallback(PersistenceTestKitSnapshotPlugin.config())
        .withFallback(ConfigFactory.parseString("pekko.loglevel = WARNING"))
        .withFallback(ConfigFactory.parseResources("runtime.conf"))
        .withFallback(ConfigFactory.load()));
    ControllerConfig config = ConfigLoader.loadText(CONFIG, "status-test.conf", new HostFacts("lb1", Set.of("eth0"), true))
        .config().orElseThrow();
    InMemoryNetwork network = new InMemoryNetwork();
    LinkHub hub = new LinkHub(network.link("eth0", new MacAddress(0x02000000000bL),
        (java.net.Inet4Address) InetAddress.getByName("192.0.2.11")), System::nanoTime);
    hub.start();
    ActorRef<Controller.Command> controller = kit.spawn(Controller.create(config, Clock.systemUTC(), System::nanoTime));
    InMemoryInterfaceMonitor interfaces = new InMemoryInterfaceMonitor();
    interfaces.set("eth0", true);
    controller.tell(new Controller.Start(Map.of("eth0", hub), new InMemoryAddressTable(), interfaces));
    query = new StatusQuery(controller, kit.system().scheduler());
    server = StatusServer.start(InetAddress.getLoopbackAddress(), 0, query);
  }

  @AfterEach
  void stop() {
    server.close();
    kit.shutdownTestKit();
  }

  @Test
  void statusMetricsAndHealthOfARunningController() throws Exception {
    awaitState(VrrpState.BACKUP);
    ManualTime.get(kit.system()).timePasses(Duration.ofSeconds(4));
    awaitState(VrrpState.MASTER);

    Response status = get("/status");
    assertEquals(200, status.code());
    assertTrue(status.contentType().startsWith("application/json"));
    JsonNode instance = StatusJson.MAPPER.readTree(status.body()).path("instances").get(0);
    assertEquals("MASTER", instance.path("state").asText(), status.body());
    assertEquals("192.0.2.11", instance.path("master").path("address").asText());
    assertEquals("master-down", instance.path("lastTransition").path("kind").asText());
    assertEquals(1, instance.path("counters").path("becameMaster").asLong());
    assertTrue(instance.path("counters").path("advertsSent").asLong() >= 1, status.body());

    List<String> metrics = get("/metrics").body().lines().toList();
    assertTrue(metrics.contains("tandem_vrrp_state{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 2.0"),
        String.join("\n", metrics));
    assertTrue(metrics.contains("tandem_vrrp_priority{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 150.0"));
    assertTrue(metrics.contains("tandem_vrrp_become_master_total{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 1.0"));
    assertTrue(metrics.contains("tandem_vrrp_invalid_packets_total{interface=\"eth0\",reason=\"checksum\"} 0.0"));

    assertEquals(200, get("/-/healthy").code());
    assertEquals(404, get("/nothing").code());
  }

  @Test
  void statusCommandPrintsTheTable() {
    awaitState(VrrpState.BACKUP);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine(HostProbe.system());
    commandLine.setOut(new PrintWriter(new BufferedWriter(out), true));
    commandLine.setErr(new PrintWriter(err, true));

    assertEquals(0, commandLine.execute("status", "--url", "http://127.0.0.1:" + server.port() + "/"), err.toString());
    List<String> lines = out.toString().lines().toList();
    assertEquals("node lb1", lines.get(0));
    assertTrue(lines.get(2).matches("VI_1 +eth0 +51 +BACKUP +150/150 +- +192\\.0\\.2\\.100/24 +INITIALIZE->BACKUP at .*"),
        out.toString());
  }

  @Test
  void statusCommandSaysWhyItCannotReadTheEndpoint() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine(HostProbe.system());
    commandLine.setErr(new PrintWriter(err, true));

    assertEquals(1, commandLine.execute("status", "--url", "http://127.0.0.1:" + closedPort));
    assertTrue(err.toString().startsWith("tandem: cannot read http://127.0.0.1:" + closedPort + "/status: "), err.toString());
    assertTrue(err.toString().contains("is tandem running here"), err.toString());
  }

  @Test
  void dumpWritesTheStatusJsonOverWhateverWasThere() throws IOException {
    awaitState(VrrpState.BACKUP);
    Path file = dir.resolve("tandem-status.json");
    Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "untouched");
    Files.createSymbolicLink(file, elsewhere);

    new StatusDump(file, query).write();

    JsonNode dumped = StatusJson.MAPPER.readTree(Files.readString(file));
    assertEquals("BACKUP", dumped.path("instances").get(0).path("state").asText());
    assertEquals("untouched", Files.readString(elsewhere), "a symlink at the name is replaced, not followed");
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file left behind");
    }
  }

  private void awaitState(VrrpState state) {
    kit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      String now = query.get().instances().stream().findFirst().map(i -> i.state().name()).orElse("none");
      assertEquals(state.name(), now);
      return null;
    });
  }

  /** A response: HttpURLConnection, as {@link StatusCommand} (java.net.http would fix its headers for HttpCheck). */
  private record Response(int code, String contentType, String body) {}

  private Response get(String path) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create("http://127.0.0.1:" + server.port() + path).toURL().openConnection();
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(5000);
    int code = connection.getResponseCode();
    try (InputStream in = code < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      return new Response(code, connection.getContentType(),
          in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
