package dev.tandem.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.config.KeepalivedStopCheck.StopLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' scripts give up by stopping keepalived; `convert` and `check` warn on the config line
 * that runs them, naming the script's line and the tandem way.
 */
class KeepalivedStopCheckTest {
  private static final Path SCRIPTS = Path.of("src/test/resources/keepalived/scripts").toAbsolutePath();
  private static final HostFacts ANY_HOST = new HostFacts("lb01", Set.of(), false);

  @TempDir
  Path dir;

  @Test
  void eachSeedScriptIsCaughtAtTheLineThatStopsKeepalived() throws IOException {
    assertEquals(List.of(new StopLine(8, "killall keepalived")), scan("seed-000-check_nginx.sh"));
    assertEquals(List.of(new StopLine(8, "killall keepalived")), scan("seed-001-check_nginx.sh"));
    assertEquals(List.of(new StopLine(10, "systemctl stop keepalived")), scan("seed-002-check_web.sh"));
    assertEquals(List.of(new StopLine(9, "systemctl stop keepalived")), scan("seed-002-check_spilt.sh"));
    assertEquals(List.of(new StopLine(13, "pkill keepalived")), scan("seed-003-nsc.sh"));
  }

  @Test
  void otherWaysOfStoppingKeepalivedAreCaughtToo() {
    String script = String.join("\n",
        "service keepalived stop",
        "/etc/init.d/keepalived stop",
        "kill $(cat /var/run/keepalived.pid)",
        "pkill -9 -x keepalived",
        "systemctl kill keepalived.service");
    assertEquals(List.of(1, 2, 3, 4, 5),
        KeepalivedStopCheck.scan(script).stream().map(StopLine::line).collect(Collectors.toList()));
  }

  @Test
  void probesCommentsAndOtherServicesAreNotStops() {
    String script = String.join("\n",
        "killall -0 keepalived || exit 1",
        "pkill -0 keepalived",
        "# then: killall keepalived",
        "systemctl stop nginx",
        "systemctl status keepalived",
        "killall nginx; echo keepalived");
    assertEquals(List.of(), KeepalivedStopCheck.scan(script));
  }

  @Test
  void aProgramIsNotReadAsAScript() throws IOException {
    Path program = dir.resolve("program");
    Files.write(program, "\0ELF systemctl stop keepalived\n".getBytes(StandardCharsets.UTF_8));
    Problems problems = new Problems();
    KeepalivedStopCheck.command(program + " -0 nginx", new Origin("x.conf", 3), "script", problems);
    assertEquals(List.of(), problems.list());
  }

  @Test
  void convertWarnsOnTheVrrpScriptLineOfSeed002() throws IOException {
    Path conf = seedConf("seed-002-lb01-check-web.conf", "/scripts/check_web.sh", "seed-002-check_web.sh");
    ImportResult result = KeepalivedImporter.convert(conf);
    List<ConfigProblem> warnings = stopWarnings(result.problems());
    assertEquals(1, warnings.size(), result.problems().toString());
    ConfigProblem warning = warnings.get(0);
    assertEquals(new Origin(conf.toString(), 7), warning.origin());
    assertEquals("vrrp_script check_web.script", warning.key());
    assertTrue(warning.message().startsWith("script " + SCRIPTS.resolve("seed-002-check_web.sh") + ":10 stops "
        + "keepalived (`systemctl stop keepalived`)"), warning.message());
    assertTrue(warning.message().contains("exit non-zero and track it with weight 0"), warning.message());
    assertEquals(List.of(), stopWarnings(ConfigLoader.loadText(result.hocon(), "converted", ANY_HOST).problems()),
        "the converted config is not checked again against lines of its own");
  }

  @Test
  void checkWarnsOnTheNotifyLineOfATandemConfig() throws IOException {
    Path conf = dir.resolve("tandem.conf");
    Files.writeString(conf, String.join("\n",
        "tandem.instances.VI_1 {",
        "  interface = eth0",
        "  virtual-router-id = 51",
        "  virtual-addresses = [\"192.0.2.100/24\"]",
        "  notify {",
        "    fault = \"/bin/bash " + SCRIPTS.resolve("seed-003-nsc.sh") + " fault\"",
        "    master = \"/usr/bin/systemctl stop keepalived\"",
        "  }",
        "}"));
    LoadResult result = ConfigLoader.load(conf, ANY_HOST);
    assertTrue(result.config().isPresent(), result.problems().toString());
    List<ConfigProblem> warnings = stopWarnings(result.problems());
    assertEquals(List.of(new Origin(conf.toString(), 6), new Origin(conf.toString(), 7)),
        warnings.stream().map(ConfigProblem::origin).collect(Collectors.toList()));
    assertEquals("tandem.instances.VI_1.notify.fault", warnings.get(0).key());
    assertTrue(warnings.get(0).message().contains("seed-003-nsc.sh:13 stops keepalived (`pkill keepalived`)"));
    assertTrue(warnings.get(1).message().startsWith("the command stops keepalived (`systemctl stop keepalived`)"));
  }

  private static List<StopLine> scan(String script) throws IOException {
    return KeepalivedStopCheck.scan(Files.readString(SCRIPTS.resolve(script), StandardCharsets.UTF_8));
  }

  /** A seed's keepalived.conf in the temp dir, with its script path pointing at the seed's script here. */
  private Path seedConf(String seed, String scriptPath, String script) throws IOException {
    String text = Files.readString(Path.of("src/test/resources/keepalived", seed), StandardCharsets.UTF_8);
    assertTrue(text.contains(scriptPath), seed + " names " + scriptPath);
    Path conf = dir.resolve(seed);
    Files.writeString(conf, text.replace(scriptPath, SCRIPTS.resolve(script).toString()));
    return conf;
  }

  private static List<ConfigProblem> stopWarnings(List<ConfigProblem> problems) {
    return problems.stream().filter(p -> p.message().contains("stops keepalived")).collect(Collectors.toList());
  }
}
