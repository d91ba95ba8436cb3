package dev.tandem.app;

import dev.tandem.config.ControllerConfig;
import dev.tandem.config.HostFacts;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.VirtualAddress;
import dev.tandem.instance.Controller;
import dev.tandem.net.AddressTable;
import dev.tandem.net.AddressTableException;
import dev.tandem.net.IpRouteAddressTable;
import dev.tandem.net.LinkException;
import dev.tandem.net.LinkHub;
import dev.tandem.net.PcapLink;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code tandem run}: every instance of the configuration on the real network, until SIGTERM or
 * SIGINT, which stop it the way keepalived stops: priority-0 adverts, VIPs removed, exit 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the VRRP instances of a configuration until SIGTERM.")
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("tandem");
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

  private final HostProbe host;

  @Spec
  CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  ConfigSource source;

  RunCommand(HostProbe host) {
    this.host = host;
  }

  @Override
  public Integer call() throws Exception {
    ConfigInput input = source.read(new HostFacts(host.hostName(), host.interfaceNames(), true));
    ProblemReport report = new ProblemReport(input.problems());
    report.print(spec.commandLine().getErr());
    spec.commandLine().getErr().flush();
    if (report.exitCode() != ExitCodes.OK || input.loaded().config().isEmpty()) {
      return ExitCodes.CONFIG_ERROR;
    }
    ControllerConfig config = input.loaded().config().get();
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    // keepalived reloads on SIGHUP; by default the JVM would exit on it, leaving the VIPs behind.
    Signal.handle(new Signal("HUP"), s -> LOG.warn("SIGHUP: reload is not supported yet; running on unchanged"));

    // Start-up's slow parts do not depend on each other: the journal's schema and the actor system
    // are prepared while the links and addresses open (measured on 2 cores: exec -> Backup 1.8 s -> 1.6 s).
    JournalDatabase journal = new JournalDatabase(config.journal().dir());
    CompletableFuture<Void> schema = CompletableFuture.runAsync(() -> ensureSchema(journal));
    CompletableFuture<ActorSystem<Controller.Command>> starting = CompletableFuture.supplyAsync(() ->
        ActorSystem.create(Controller.create(config, Clock.systemUTC(), System::nanoTime), "tandem",
            journal.actorSystemConfig()));
    Map<String, LinkHub> hubs = new LinkedHashMap<>();
    IpRouteAddressTable addresses = null;
    try {
      openLinks(config, hubs);
      addresses = new IpRouteAddressTable(List.of("ip"));
      removeLeftoverVips(config, addresses);
      schema.join();
    } catch (LinkException | AddressTableException | CompletionException e) {
      System.err.println("tandem: " + (e instanceof CompletionException ? e.getCause().getMessage() : e.getMessage()));
      hubs.values().forEach(LinkHub::close);
      if (addresses != null) {
        addresses.close();
      }
      starting.thenAccept(ActorSystem::terminate).join();
      return ExitCodes.RUNTIME_ERROR;
    }
    ActorSystem<Controller.Command> system = starting.join();
    LOG.info("Starting tandem on node {} with {} instance(s), journal {}", config.global().nodeId(),
        config.instances().size(), config.journal().dir().toAbsolutePath());
    system.tell(new Controller.Start(hubs, addresses));
    hubs.values().forEach(LinkHub::start);
    // After VRRP is running: deleting a large backlog of old events must not delay the first advert.
    config.journal().retention().ifPresent(retention ->
        CompletableFuture.runAsync(() -> applyRetention(journal, retention)));

    stop.await();
    LOG.info("Stopping");
    AskPattern.<Controller.Command, Done>ask(system, Controller.Shutdown::new, STOP_TIMEOUT, system.scheduler())
        .toCompletableFuture().handle((done, failure) -> done).get(STOP_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    hubs.values().forEach(LinkHub::close);
    addresses.close();
    LOG.info("Stopped");
    return ExitCodes.OK;
  }

  /** One hub per interface the instances use, added to {@code hubs} as each opens. */
  private static void openLinks(ControllerConfig config, Map<String, LinkHub> hubs) throws LinkException {
    for (InstanceConfig instance : config.instances()) {
      if (!hubs.containsKey(instance.interfaceName())) {
        hubs.put(instance.interfaceName(), new LinkHub(PcapLink.open(instance.interfaceName()), System::nanoTime));
      }
    }
  }

  private static void applyRetention(JournalDatabase journal, Duration retention) {
    Instant before = Instant.now().minus(retention);
    try {
      int deleted = journal.prune(before);
      if (deleted > 0) {
        LOG.info("Journal: deleted {} event(s) written before {} (retention {})", deleted, before, retention);
      }
    } catch (SQLException e) {
      LOG.warn("Journal: could not delete the events written before {}: {}", before, e.getMessage());
    }
  }

  private static void ensureSchema(JournalDatabase journal) {
    try {
      journal.ensureSchema();
    } catch (IOException | SQLException e) {
      throw new CompletionException(new IOException("cannot open the journal " + journal.url() + ": " + e.getMessage(), e));
    }
  }

  /** keepalived removes its configured VIPs found on its interfaces at start: a crashed run leaves them. */
  private static void removeLeftoverVips(ControllerConfig config, AddressTable addresses) {
    for (InstanceConfig instance : config.instances()) {
      for (VirtualAddress vip : instance.virtualAddresses()) {
        String device = vip.device().orElse(instance.interfaceName());
        if (addresses.list(device).contains(vip.cidr())) {
          LOG.info("({}) removing VIP {} left on {} by an earlier run", instance.name(), vip.cidr(), device);
          addresses.remove(device, vip);
        }
      }
    }
  }

  /** Where the configuration comes from: tandem's HOCON or a keepalived.conf. */
  static final class ConfigSource {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "tandem configuration (HOCON)")
    Path hocon;

    @Option(names = "--keepalived-config", paramLabel = "FILE", description = "a keepalived.conf, converted on the fly")
    Path keepalived;

    ConfigInput read(HostFacts host) {
      return ConfigInput.read(hocon != null ? hocon : keepalived, keepalived != null, host);
    }
  }
}
