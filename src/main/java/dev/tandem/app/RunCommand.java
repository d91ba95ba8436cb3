package dev.tandem.app;

import dev.tandem.config.ConfigDiff;
import dev.tandem.config.ControllerConfig;
import dev.tandem.config.HostFacts;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.StatusConfig;
import dev.tandem.config.VirtualAddress;
import dev.tandem.fleet.FleetReplicator;
import dev.tandem.instance.Controller;
import dev.tandem.net.AddressTable;
import dev.tandem.net.AddressTableException;
import dev.tandem.net.IpLinkMonitor;
import dev.tandem.net.LinkException;
import dev.tandem.net.LinkHub;
import dev.tandem.net.NetlinkAddressTable;
import dev.tandem.net.PcapLink;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
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
 * SIGINT, which stop it the way keepalived stops: priority-0 adverts, VIPs removed, exit 0; or,
 * with global.handover-on-stop or a request from {@code tandem handover}, a zero-loss handover.
 * SIGHUP reloads the configuration: validated first, refused whole when it has errors, and then
 * only the instances whose settings changed restart (see {@link Controller.Reload}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the VRRP instances of a configuration until SIGTERM.")
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("tandem");
  private enum Request { STOP, RELOAD }

  /** Stopping the changed instances (bounded each) and starting their replacements. */
  private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);

  private final HostProbe host;

  @Spec
  CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  ConfigSource source;

  @Option(names = {"-p", "--pid-file"}, paramLabel = "FILE",
      description = "Write this process's id here (keepalived's -p; removed on exit), for `tandem reload` and "
          + "`tandem handover`.")
  Optional<Path> pidFile;

  RunCommand(HostProbe host) {
    this.host = host;
  }

  @Override
  public Integer call() throws Exception {
    ConfigInput input = source.read(hostFacts());
    ProblemReport report = new ProblemReport(input.problems());
    report.print(spec.commandLine().getErr());
    spec.commandLine().getErr().flush();
    if (report.exitCode() != ExitCodes.OK || input.loaded().config().isEmpty()) {
      return ExitCodes.CONFIG_ERROR;
    }
    ControllerConfig config = input.loaded().config().get();
    if (pidFile.isPresent()) {
      HandoverRequest.writePid(pidFile.get());
    }
    // Signals are handled one after the other on this thread: a reload never overlaps a stop or another reload.
    BlockingQueue<Request> signals = new LinkedBlockingQueue<>();
    Signal.handle(new Signal("TERM"), s -> signals.add(Request.STOP));
    Signal.handle(new Signal("INT"), s -> signals.add(Request.STOP));
    // Without a handler the JVM would exit on SIGHUP, leaving the VIPs behind.
    Signal.handle(new Signal("HUP"), s -> signals.add(Request.RELOAD));

    // The links open first, alone on the machine's cores: the node hears the wire from then on, and
    // its first wait for a master counts from then (LinkHub#listening). Start-up's slow parts follow
    // side by side: the journal's schema, the actor system, the host's interfaces and addresses
    // (measured: 150 ms earlier to the first advert of a restarted master than opening the links
    // while the journal and the actor system start).
    Map<String, LinkHub> hubs = new LinkedHashMap<>();
    try {
      openLinks(config, hubs);
    } catch (LinkException e) {
      return refusedToStart(e.getMessage(), hubs);
    }
    JournalDatabase journal = new JournalDatabase(config.journal().dir());
    CompletableFuture<JournalServer> served = CompletableFuture.supplyAsync(() -> serve(journal));
    CompletableFuture<ActorSystem<Controller.Command>> starting =
        CompletableFuture.supplyAsync(() -> ControllerSystem.create(config, journal));
    NetlinkAddressTable addresses = null;
    IpLinkMonitor interfaces = null;
    try {
      interfaces = IpLinkMonitor.start();
      addresses = new NetlinkAddressTable();
      removeLeftoverVips(config, addresses);
      served.join();
    } catch (LinkException | AddressTableException | CompletionException e) {
      if (interfaces != null) {
        interfaces.close();
      }
      if (addresses != null) {
        addresses.close();
      }
      starting.thenAccept(ActorSystem::terminate).join();
      served.thenAccept(RunCommand::closeServer);
      return refusedToStart(e instanceof CompletionException ? e.getCause().getMessage() : e.getMessage(), hubs);
    }
    ActorSystem<Controller.Command> system = starting.join();
    LOG.info("Starting tandem on node {} with {} instance(s), journal {}, {}", config.global().nodeId(),
        config.instances().size(), config.journal().dir().toAbsolutePath(), PcapLink.libraryVersion());
    system.tell(new Controller.Start(hubs, addresses, interfaces));
    hubs.values().forEach(LinkHub::start);
    StatusQuery status = new StatusQuery(system, system.scheduler());
    Optional<StatusServer> statusServer = startStatus(config.status(), status);
    StatusDump dump = new StatusDump(config.status().dumpFile(), status);
    Signal.handle(new Signal("USR1"), s -> writeDump(dump, s));
    Signal.handle(new Signal("USR2"), s -> writeDump(dump, s));
    Optional<FleetReplicator> fleet = startFleet(config, journal, system);
    // After VRRP is running, as the retention below: neither may delay the first advert.
    ControllerSystem.rehearseJournal(system, journal);
    // Deleting a large backlog of old events.
    config.journal().retention().ifPresent(retention ->
        CompletableFuture.runAsync(() -> applyRetention(journal, retention)));

    while (signals.take() == Request.RELOAD) {
      reload(system, hubs);
    }
    boolean handover = config.global().handoverOnStop() || pidFile.map(HandoverRequest::take).orElse(false);
    LOG.info(handover ? "Stopping with handover" : "Stopping");
    if (fleet.isPresent()) {
      fleet.get().close();
    }
    ControllerSystem.stop(system, handover);
    // After the instances: its HTTP server takes milliseconds to stop, the priority-0 adverts must not wait.
    statusServer.ifPresent(StatusServer::close);
    hubs.values().forEach(LinkHub::close);
    interfaces.close();
    addresses.close();
    closeServer(served.join());
    pidFile.ifPresent(HandoverRequest::removePid);
    LOG.info("Stopped");
    return ExitCodes.OK;
  }

  /** What stopped the start, said once; the links opened so far are closed. */
  private static int refusedToStart(String reason, Map<String, LinkHub> hubs) {
    System.err.println("tandem: " + reason);
    hubs.values().forEach(LinkHub::close);
    return ExitCodes.RUNTIME_ERROR;
  }

  private HostFacts hostFacts() {
    return new HostFacts(host.hostName(), host.interfaceNames(), true);
  }

  /**
   * Reads the configuration again and hands it to the controller when it has no errors; links for
   * interfaces it newly uses are opened first. Whatever goes wrong, the running instances go on.
   */
  private void reload(ActorSystem<Controller.Command> system, Map<String, LinkHub> hubs) {
    LOG.info("Reloading");
    ConfigInput input = source.read(hostFacts());
    ProblemReport report = new ProblemReport(input.problems());
    report.log(LOG);
    if (report.exitCode() != ExitCodes.OK || input.loaded().config().isEmpty()) {
      LOG.error("Reload refused: configuration has errors; running on unchanged");
      return;
    }
    ControllerConfig config = input.loaded().config().get();
    try {
      openLinks(config, hubs).forEach(LinkHub::start);
    } catch (LinkException e) {
      LOG.error("Reload refused: {}; running on unchanged", e.getMessage());
      return;
    }
    try {
      AskPattern.<Controller.Command, ConfigDiff>ask(system, replyTo -> new Controller.Reload(config, Map.copyOf(hubs),
          replyTo), RELOAD_TIMEOUT, system.scheduler()).toCompletableFuture().join();
    } catch (CompletionException e) {
      LOG.error("Reload did not finish within {}: {}", RELOAD_TIMEOUT, e.getCause().getMessage());
    }
  }

  /** The replicator to the fleet journal when one is configured; it starts after the instances, off their path. */
  private static Optional<FleetReplicator> startFleet(ControllerConfig config, JournalDatabase journal,
      ActorSystem<Controller.Command> system) throws SQLException {
    if (config.fleet().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(FleetReplicator.start(system, config.fleet().get(), config.global().nodeId(), journal.identity(),
        progress -> { }));
  }

  /**
   * The status endpoint when enabled. One that cannot listen (the port taken) is reported and left
   * out: status is for operators, and VRRP must run without it.
   */
  private static Optional<StatusServer> startStatus(StatusConfig config, StatusQuery status) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    try {
      StatusServer server = StatusServer.start(config.address(), config.port(), status);
      LOG.info("Status on http://{}:{}{} (and /metrics, /-/healthy)", config.address().getHostAddress(), server.port(),
          StatusServer.STATUS_PATH);
      return Optional.of(server);
    } catch (IOException e) {
      LOG.error("cannot serve status on {}:{}: {}; running without it", config.address().getHostAddress(),
          config.port(), e.getMessage());
      return Optional.empty();
    }
  }

  /** keepalived dumps its data on SIGUSR1 and its statistics on SIGUSR2; tandem writes its status JSON on both. */
  private static void writeDump(StatusDump dump, Signal signal) {
    try {
      dump.write();
      LOG.info("SIG{}: status written to {}", signal.getName(), dump.file());
    } catch (IOException | StatusQuery.StatusUnavailable e) {
      LOG.error("SIG{}: cannot write the status to {}: {}", signal.getName(), dump.file(), e.getMessage());
    }
  }

  /** One hub per interface the instances use, added to {@code hubs} as each opens; returns those it opened. */
  private static List<LinkHub> openLinks(ControllerConfig config, Map<String, LinkHub> hubs) throws LinkException {
    List<LinkHub> opened = new ArrayList<>();
    for (InstanceConfig instance : config.instances()) {
      if (!hubs.containsKey(instance.interfaceName())) {
        LinkHub hub = new LinkHub(PcapLink.open(instance.interfaceName()), System::nanoTime);
        hubs.put(instance.interfaceName(), hub);
        opened.add(hub);
      }
    }
    return opened;
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

  private static JournalServer serve(JournalDatabase journal) {
    try {
      return journal.serve();
    } catch (IOException | SQLException e) {
      throw new CompletionException(new IOException("cannot open the journal " + journal.url() + ": " + e.getMessage(), e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }

  private static void closeServer(JournalServer server) {
    try {
      server.close();
    } catch (IOException | SQLException e) {
      LOG.warn("Journal: could not stop serving it cleanly: {}", e.getMessage());
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
