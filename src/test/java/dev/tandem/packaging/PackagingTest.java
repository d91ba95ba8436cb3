package dev.tandem.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testsupport.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The packaging that cannot run here: docker-compose.yml (no Docker engine on these machines) is
 * parsed and checked against the Dockerfile, the node configs and what the README says; the
 * systemd unit is checked by systemd-analyze where it is installed.
 */
class PackagingTest {
  private static final Path COMPOSE = Path.of("docker-compose.yml");
  private static final Path DOCKERFILE = Path.of("src/docker/Dockerfile");
  private static final Path UNIT = Path.of("src/packaging/tandem.service");
  private static final String SUBNET = "198.51.100.0/24";
  private static final Map<String, String> ADDRESSES =
      Map.of("lb1", "198.51.100.11", "lb2", "198.51.100.12", "client", "198.51.100.50");

  @Test
  void composeHasTwoNodesAndAClientOnOneBridgeWithDocumentationAddresses() throws IOException {
    Map<String, Object> compose = yaml(COMPOSE);
    Map<String, Object> services = map(compose.get("services"));
    assertEquals(ADDRESSES.keySet(), services.keySet());
    Map<String, Object> lan = map(map(compose.get("networks")).get("lan"));
    assertEquals("bridge", lan.get("driver"));
    assertEquals(SUBNET, map(list(map(lan.get("ipam")).get("config")).get(0)).get("subnet"));
    ADDRESSES.forEach((name, address) -> assertEquals(address,
        map(map(map(services.get(name)).get("networks")).get("lan")).get("ipv4_address"), name));

    for (String node : List.of("lb1", "lb2")) {
      Map<String, Object> service = map(services.get(node));
      assertEquals(Set.of("NET_ADMIN", "NET_RAW"), Set.copyOf(list(service.get("cap_add"))), node);
      assertEquals(DOCKERFILE.toString(), map(service.get("build")).get("dockerfile"), node);
      String volume = (String) list(service.get("volumes")).get(0);
      Path config = Path.of(volume.substring(0, volume.indexOf(':')));
      assertEquals(Path.of("./conf/docker/" + node + ".conf"), config);
      String text = Files.readString(config);
      assertTrue(text.contains("node-id = " + node) && text.contains("handover-on-stop = true")
          && text.contains("\"198.51.100.100/24\""), config + " names its node, the handover and the VIP");
    }
  }

  /** Every file the Dockerfile copies exists (the jar once packaged), and the image has what tandem needs. */
  @Test
  void dockerfileCopiesFilesThatExistAndInstallsWhatTandemNeeds() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);
    assertTrue(dockerfile.contains("FROM debian:bookworm"), dockerfile);
    for (String pkg : List.of("openjdk-17-jre-headless", "libpcap0.8", "iproute2", "nginx-light")) {
      assertTrue(dockerfile.contains(pkg), pkg);
    }
    Matcher copy = Pattern.compile("(?m)^COPY (\\S+) ").matcher(dockerfile);
    int copies = 0;
    while (copy.find()) {
      copies++;
      Path source = Path.of(copy.group(1));
      assertTrue(source.toString().equals("target/tandem.jar") || Files.isRegularFile(source), source.toString());
    }
    assertEquals(4, copies);
  }

  @Test
  void readmeNamesWhatTheComposeFileHoldsAndSaysItWasNotStartedHere() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (String name : List.of("docker-compose.yml", "src/docker/Dockerfile", "src/packaging/tandem.service",
        "conf/docker/lb1.conf", "conf/docker/lb2.conf", "NET_ADMIN", "NET_RAW", SUBNET, "198.51.100.100")) {
      assertTrue(readme.contains(name), "README names " + name);
    }
    ADDRESSES.forEach((name, address) -> assertTrue(readme.contains("`" + name + "` " + address),
        "README names service " + name + " at " + address));
    assertTrue(readme.contains("was not started here"), "README says the compose file was not started here");
  }

  @Test
  void systemdUnitRunsAsRootRestartsOnFailureAndReloadsOnHup() throws IOException {
    String unit = Files.readString(UNIT);
    for (String line : List.of("After=network-online.target", "User=root", "Restart=on-failure",
        "ExecReload=/bin/kill -HUP $MAINPID", "ExecStart=/opt/tandem/tandem run -c /etc/tandem/tandem.conf")) {
      assertTrue(unit.contains(line), line);
    }
  }

  /** systemd-analyze checks the executables exist: the launcher of this checkout stands in for /opt/tandem. */
  @Test
  void systemdAnalyzeAcceptsTheUnit(@TempDir Path dir) throws IOException, InterruptedException {
    Environment.requireOrSkip(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze not installed");
    Path unit = dir.resolve("tandem.service");
    Files.writeString(unit, Files.readString(UNIT)
        .replace("/opt/tandem/tandem ", Path.of("src/scripts/tandem").toAbsolutePath() + " "));
    Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
    verify.getOutputStream().close();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(verify.waitFor(30, TimeUnit.SECONDS), "systemd-analyze finished");
    assertEquals(0, verify.exitValue(), output);
    assertEquals("", output.strip());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return (Map<String, Object>) new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}
