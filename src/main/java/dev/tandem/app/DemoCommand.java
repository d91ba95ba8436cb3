package dev.tandem.app;

import dev.tandem.lab.Capture;
import dev.tandem.lab.Handover;
import dev.tandem.lab.Lab;
import dev.tandem.lab.LabConfigs;
import dev.tandem.lab.LabInstance;
import dev.tandem.lab.LabNode;
import dev.tandem.lab.LabProcess;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tandem demo}: two tandem nodes in a network-namespace lab, each with nginx (or a built-in
 * responder), a client asking the VIP who serves it; the master is killed, the VIP moves and the
 * gap is measured on the wire; the old master returns; then the journal tells what happened. The
 * lab is always removed, Ctrl-C included (the lab's shutdown hook).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Show a failover in a network-namespace lab (needs root).")
final class DemoCommand implements Callable<Integer> {
  private static final String VIP = "192.0.2.100";
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final LabInstance VI_1 = LabInstance.v2("VI_1", 51, 150, VIP + "/24");

  @Spec
  CommandSpec spec;

  private PrintWriter out;
  private final long startNanos = System.nanoTime();

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    Optional<String> unavailable = Lab.unavailableReason();
    if (unavailable.isPresent()) {
      spec.commandLine().getErr().println("tandem demo: " + unavailable.get());
      return ExitCodes.RUNTIME_ERROR;
    }
    Path jar = ownJar();
    try (Lab lab = Lab.create("lb1", "lb2")) {
      LabNode lb1 = lab.node("lb1");
      LabNode lb2 = lab.node("lb2");
      out.printf("Lab %s: bridge namespace, lb1 %s, lb2 %s, client %s; VIP %s (VRRPv2, VRID 51, PASS, 1 s)%n",
          lab.prefix(), lb1.address(), lb2.address(), lab.client().address(), VIP);
      Capture capture = lab.startCapture();
      startWebServer(lab, lb1, jar);
      startWebServer(lab, lb2, jar);
      say("starting tandem on lb1 (priority 150) and lb2 (priority 100)");
      LabProcess tandem1 = lab.startTandem(lb1, jar, LabConfigs.tandem(lb1, lab.nodes(), List.of(VI_1)));
      LabProcess tandem2 = lab.startTandem(lb2, jar, LabConfigs.tandem(lb2, lab.nodes(), List.of(VI_1.withPriority(100))));
      if (!awaitHolder(lab, lb1)) {
        return failed(lab);
      }
      showClient(lab);

      Instant killedAt = Instant.now();
      say("SIGKILL tandem on lb1 (a crash: its VIP stays on lb1's interface, as keepalived's does)");
      tandem1.kill();
      Optional<Handover> failover = capture.awaitHandover(51, lb1.address(), lb2.address(), killedAt.minusSeconds(2), BOUND);
      if (failover.isEmpty() || !awaitHolder(lab, lb2)) {
        return failed(lab);
      }
      say(String.format("lb2 took over: on the wire, lb1's last advert -> lb2's first advert = %.3f s"
          + " (Master_Down_Interval for priority 100: %.3f s)", seconds(failover.get().gap()),
          seconds(VI_1.withPriority(100).masterDownInterval())));
      showClient(lab);

      Instant restartedAt = Instant.now();
      say("restarting tandem on lb1: it removes the stale VIP, enters Backup, and preempts lb2");
      LabProcess restarted = lab.startTandem(lb1, jar, LabConfigs.tandem(lb1, lab.nodes(), List.of(VI_1)));
      Optional<Handover> back = capture.awaitHandover(51, lb2.address(), lb1.address(), restartedAt, BOUND);
      if (back.isEmpty() || !awaitHolder(lab, lb1)) {
        return failed(lab);
      }
      say(String.format("lb1 is master again, %.3f s after its restart (start-up + Master_Down_Interval %.3f s)",
          seconds(Duration.between(restartedAt, back.get().firstOfNew().at())), seconds(VI_1.masterDownInterval())));
      showClient(lab);

      say("stopping both nodes (SIGTERM: priority-0 advert, VIPs removed)");
      restarted.terminate(BOUND);
      tandem2.terminate(BOUND);
      out.println();
      out.println("The audit of both nodes' journals (tandem audit --journal ... --journal ...):");
      out.flush();
      new CommandLine(new AuditCommand()).setOut(out).setErr(spec.commandLine().getErr())
          .execute("--journal", lab.journalDir(lb1).toString(), "--journal", lab.journalDir(lb2).toString());
      out.println();
      out.println("Removing the lab.");
      out.flush();
    }
    return ExitCodes.OK;
  }

  private void startWebServer(Lab lab, LabNode node, Path jar) {
    if (Lab.installed("nginx")) {
      lab.startNginx(node);
    } else {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      lab.start(node, "http", List.of(java, "-cp", jar.toString(), "dev.tandem.lab.HttpResponder", node.name()));
    }
  }

  private boolean awaitHolder(Lab lab, LabNode node) {
    boolean held = Lab.waitFor(BOUND, () -> lab.holds(node, VIP));
    if (held) {
      say(node.name() + " holds " + VIP);
    }
    return held;
  }

  private void showClient(Lab lab) {
    String answer = lab.exec(lab.client(), "curl", "-s", "-m", "2", "http://" + VIP + "/").strip();
    say("client: curl http://" + VIP + "/ -> " + (answer.isEmpty() ? "(no answer)" : answer));
  }

  private int failed(Lab lab) {
    out.println("The demo did not go as expected; the nodes' logs:");
    lab.nodes().forEach(n -> out.println("--- " + n.name() + "\n" + lab.log(n)));
    out.flush();
    return ExitCodes.RUNTIME_ERROR;
  }

  private void say(String line) {
    out.printf("[%5.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
    out.flush();
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static Path ownJar() throws URISyntaxException {
    Path location = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!Files.isRegularFile(location)) {
      throw new IllegalStateException("tandem demo runs from the jar: java -jar target/tandem.jar demo");
    }
    return location;
  }
}
