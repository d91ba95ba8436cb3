package dev.tandem.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `tandem check` and `tandem convert`, run in-process with captured output. */
class CommandsTest {
  private static final HostProbe LB01 = new HostProbe() {
    @Override
    public String hostName() {
      return "lb01";
    }

    @Override
    public Set<String> interfaceNames() {
      return Set.of("lo", "eth0");
    }
  };

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** As {@code tandem} runs them: the command line {@link Main#main} builds for these arguments. */
  private int run(String... args) {
    CommandLine commandLine = Main.commandLine(LB01, args);
    // Buffered with autoflush on println, as picocli's own stdout: output must be flushed to be seen.
    commandLine.setOut(new PrintWriter(new BufferedWriter(out), true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void theNamedSubcommandAloneParsesHelpsAndFailsAsAmongAllOthers() {
    for (String[] args : List.of(new String[] {"run", "--help"}, new String[] {"journal", "prune", "--help"},
        new String[] {"audit", "--no-such-option"}, new String[] {"check"}, new String[] {"rnu"}, new String[] {})) {
      StringWriter allOut = new StringWriter();
      StringWriter allErr = new StringWriter();
      CommandLine all = Main.commandLine(LB01);
      all.setOut(new PrintWriter(allOut, true));
      all.setErr(new PrintWriter(allErr, true));
      int allExit = all.execute(args);
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      assertEquals(allExit, run(args), String.join(" ", args));
      assertEquals(allOut.toString(), out.toString(), String.join(" ", args));
      assertEquals(allErr.toString(), err.toString(), String.join(" ", args));
    }
  }

  @Test
  void handoverWithoutAControllerSaysSoAndExits1() {
    Path pidFile = dir.resolve("tandem.pid");
    assertEquals(1, run("handover", "--pid-file", pidFile.toString()));
    assertEquals("tandem: no pid file " + pidFile + " (is `tandem run --pid-file " + pidFile + "` running?)\n",
        err.toString());
  }

  /** A stand-in controller (sleep): the request file is left for it, SIGTERM ends it, the command waits for that. */
  @Test
  void handoverLeavesTheRequestAndSignalsTheControllerUntilItExits() throws Exception {
    Process controller = new ProcessBuilder("sleep", "60").start();
    try {
      Path pidFile = dir.resolve("tandem.pid");
      Files.writeString(pidFile, controller.pid() + "\n");
      assertEquals(0, run("handover", "--pid-file", pidFile.toString()), err.toString());
      assertFalse(controller.isAlive());
      assertEquals(143, controller.exitValue(), "ended by SIGTERM");
      assertTrue(HandoverRequest.take(pidFile), "the request is there for the controller to take");
      assertFalse(HandoverRequest.take(pidFile), "and used up once taken");
    } finally {
      controller.destroyForcibly();
    }
  }

  @Test
  void checkOfAGoodConfigSaysOk() {
    assertEquals(0, run("check", "-c", "conf/lb01.conf"));
    assertEquals("conf/lb01.conf: OK (2 instances, 0 warnings)\n", out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void checkOfABrokenConfigPrintsEveryProblemAndExits2() {
    Path broken = Path.of("src/test/resources/config/broken/several-mistakes.conf");
    assertEquals(2, run("check", "-c", broken.toString()));
    String[] lines = err.toString().split("\n");
    assertEquals(8, lines.length, err.toString());
    assertEquals(broken + ":16: error: tandem.instances.VI_1.virtual-router-id: must be between 1 and 255, got 256", lines[1]);
    assertEquals(broken + ": 5 errors, 2 warnings", lines[7]);
    assertEquals("", out.toString());
  }

  @Test
  void aMissingInterfaceIsAWarningUnlessStrict() throws IOException {
    Path conf = dir.resolve("eth9.conf");
    Files.writeString(conf, "tandem.instances.VI_1 { interface = eth9, virtual-router-id = 1, virtual-addresses = [\"192.0.2.1\"] }\n");
    assertEquals(0, run("check", "-c", conf.toString()));
    assertTrue(err.toString().startsWith(conf + ":1: warning: tandem.instances.VI_1.interface: interface `eth9` does not exist"), err.toString());
    assertEquals(conf + ": OK (1 instances, 1 warnings)\n", out.toString());
    assertEquals(2, run("check", "--strict", "-c", conf.toString()));
  }

  @Test
  void aMissingFileExits2WithAClearMessage() {
    assertEquals(2, run("check", "-c", "no/such.conf"));
    assertEquals("no/such.conf: error: (file): cannot read no/such.conf: no such file\nno/such.conf: 1 errors, 0 warnings\n", err.toString());
  }

  @Test
  void checkConvertsAKeepalivedConfFirst() {
    assertEquals(0, run("check", "--keepalived", "-c", "src/test/resources/keepalived/seed-003-master.conf"));
    assertTrue(err.toString().contains("seed-003-master.conf:26: warning: virtual_server: virtual_server (LVS) is not supported"), err.toString());
    assertEquals("src/test/resources/keepalived/seed-003-master.conf: OK (1 instances, 1 warnings)\n", out.toString());
  }

  @Test
  void convertPrintsHoconAndExits0() {
    assertEquals(0, run("convert", "src/test/resources/keepalived/seed-002-lb02-nopreempt.conf"));
    assertTrue(out.toString().contains("preempt = false"), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void convertAndCheckWarnWhereAScriptStopsKeepalived() throws IOException {
    Path script = Path.of("src/test/resources/keepalived/scripts/seed-000-check_nginx.sh").toAbsolutePath();
    String seed = Files.readString(Path.of("src/test/resources/keepalived/seed-000-master-check-nginx.conf"));
    Path conf = dir.resolve("keepalived.conf");
    Files.writeString(conf, seed.replace("/etc/keepalived/check_nginx.sh", script.toString()));
    String expected = conf + ":7: warning: vrrp_script check_nginx.script: script " + script + ":8 stops keepalived "
        + "(`killall keepalived`): under tandem this stops nothing and the VIP stays on this node; instead let the "
        + "script exit non-zero and track it with weight 0 (the instance enters Fault and the peer takes over)\n";

    assertEquals(0, run("convert", conf.toString()));
    assertEquals(expected, err.toString());
    err.getBuffer().setLength(0);
    assertEquals(0, run("check", "--keepalived", "-c", conf.toString()));
    assertTrue(err.toString().startsWith(expected), err.toString());
    assertEquals(1, err.toString().split("stops keepalived", -1).length - 1, "warned once, on the original's line");
  }

  @Test
  void convertExits2OnErrors() throws IOException {
    Path conf = dir.resolve("keepalived.conf");
    Files.writeString(conf, "vrrp_instance VI_1 {\n  priority\n");
    assertEquals(2, run("convert", conf.toString()));
    assertTrue(err.toString().contains(conf + ":2: error: vrrp_instance VI_1.priority: missing value for `priority`"), err.toString());
  }

  /** The launcher records its class-data archive from this run: it must work without root or network. */
  @Test
  void warmUpElectsOffTheNetworkAndExits0() {
    assertEquals(0, run("warm-up"), err.toString());
    assertTrue(out.toString().startsWith("warm-up done, libpcap version"), out.toString());
  }

  @Test
  void usageErrorsAreReportedWithoutAStackTrace() {
    assertEquals(2, run("check"));
    assertTrue(err.toString().startsWith("Missing required option: '--config=FILE'"), err.toString());
    assertFalse(err.toString().contains("\tat "));
  }

  @Test
  void anInternalFailureIsOneLineAndExit1() {
    CommandLine commandLine = Main.commandLine(new HostProbe() {
      @Override
      public String hostName() {
        throw new IllegalStateException("boom");
      }

      @Override
      public Set<String> interfaceNames() {
        return Set.of();
      }
    });
    commandLine.setErr(new PrintWriter(err, true));
    assertEquals(1, commandLine.execute("check", "-c", "conf/lb01.conf"));
    assertEquals("tandem: internal error: java.lang.IllegalStateException: boom\n", err.toString());
  }

  @Test
  void reloadSendsSighupToTheProcessOfThePidFile() throws Exception {
    // sleep has no SIGHUP handler, so the signal ends it: proof that it was delivered.
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      Path pidFile = dir.resolve("tandem.pid");
      Files.writeString(pidFile, sleeper.pid() + "\n");
      assertEquals(0, run("reload", "--pid-file", pidFile.toString()), err.toString());
      assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS), "the process ended on SIGHUP");
      assertEquals(128 + 1, sleeper.exitValue());
      assertEquals("tandem: sent SIGHUP to " + sleeper.pid() + "; its log says how the reload went\n", out.toString());
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void reloadWithoutARunningControllerSaysWhy() throws IOException {
    Path missing = dir.resolve("missing.pid");
    assertEquals(1, run("reload", "--pid-file", missing.toString()));
    assertEquals("tandem: no pid file " + missing + ": is tandem running with --pid-file " + missing + "?\n",
        err.toString());
    Path garbage = Files.writeString(dir.resolve("garbage.pid"), "lb01\n");
    assertEquals(1, run("reload", "-p", garbage.toString()));
    assertTrue(err.toString().endsWith("tandem: the pid file " + garbage + " does not hold a process id\n"), err.toString());
    assertEquals(2, run("reload"), "one of --pid-file and --pid is required");
  }
}
