package dev.tandem.app;

import dev.tandem.config.ConfigLoader;
import dev.tandem.config.ControllerConfig;
import dev.tandem.config.HostFacts;
import dev.tandem.config.LoadResult;
import dev.tandem.instance.Controller;
import dev.tandem.net.AddressTableException;
import dev.tandem.net.InMemoryAddressTable;
import dev.tandem.net.InMemoryInterfaceMonitor;
import dev.tandem.net.InMemoryNetwork;
import dev.tandem.net.IpLinkMonitor;
import dev.tandem.net.LinkException;
import dev.tandem.net.LinkHub;
import dev.tandem.net.NetlinkAddressTable;
import dev.tandem.net.PcapLink;
import dev.tandem.wire.MacAddress;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tandem warm-up}, for {@code src/scripts/tandem}: one pass through what {@code run} does
 * at start and at its first takeover, off the network (an in-memory link, a journal in a temporary
 * directory), so that the launcher can record the classes it loads in a class-data archive
 * (AppCDS). Loading them from the archive is most of what brings exec -> Backup under 0.5 s.
 */
@Command(name = "warm-up", hidden = true, description = "Exercise start-up off the network (for the class-data archive).")
final class WarmUpCommand implements Callable<Integer> {
  private static final String INTERFACE = "warm0";
  private static final long ELECTION_BOUND_MILLIS = 5_000;
  private static final int WARM_UP_REHEARSAL_ROUNDS = 10;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("tandem-warm-up");
    try {
      electAndStop(dir);
      readAddresses();
      spec.commandLine().getOut().println("warm-up done, " + PcapLink.libraryVersion());
      return ExitCodes.OK;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A v2 address owner and a v3 backup that takes over after its Master_Down_Interval. */
  private static void electAndStop(Path journalDir) throws Exception {
    Path file = journalDir.resolve("warm-up.conf");
    Files.writeString(file, """
        tandem {
          global.node-id = warm-up
          journal.dir = "%s"
          instances {
            VI_1 { interface = %s, virtual-router-id = 1, priority = 255, virtual-addresses = ["192.0.2.1/32"],
                   authentication { type = PASS, password = warm } }
            VI_2 { interface = %s, virtual-router-id = 2, version = 3, advert-interval = 0.01s,
                   virtual-addresses = ["192.0.2.2/32"] }
          }
        }""".formatted(journalDir, INTERFACE, INTERFACE));
    LoadResult loaded = ConfigLoader.load(file, new HostFacts("warm-up", Set.of(INTERFACE), true));
    ControllerConfig config = loaded.config().orElseThrow(() -> new IllegalStateException(loaded.problems().toString()));
    JournalDatabase journal = new JournalDatabase(config.journal().dir());
    JournalServer served = journal.serve();
    InMemoryAddressTable addresses = new InMemoryAddressTable();
    LinkHub hub = new LinkHub(new InMemoryNetwork().link(INTERFACE, MacAddress.parse("02:00:00:00:00:01"),
        (Inet4Address) InetAddress.getByName("192.0.2.10")), System::nanoTime);
    ActorSystem<Controller.Command> system = ControllerSystem.create(config, journal);
    InMemoryInterfaceMonitor interfaces = new InMemoryInterfaceMonitor();
    interfaces.set(INTERFACE, true);
    system.tell(new Controller.Start(Map.of(INTERFACE, hub), addresses, interfaces));
    hub.start();
    // Its classes go into the archive too; a few writes load them all.
    JournalRehearsal.start(system, journal, WARM_UP_REHEARSAL_ROUNDS).toCompletableFuture()
        .get(ELECTION_BOUND_MILLIS, TimeUnit.MILLISECONDS);
    long deadline = System.currentTimeMillis() + ELECTION_BOUND_MILLIS;
    while (addresses.list(INTERFACE).size() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    askStatus(system);
    ControllerSystem.stop(system, false);
    hub.close();
    served.close();
  }

  /** The status endpoint on an ephemeral loopback port, asked once for each document. */
  private static void askStatus(ActorSystem<Controller.Command> system) throws IOException {
    StatusServer server = StatusServer.start(InetAddress.getLoopbackAddress(), 0, new StatusQuery(system, system.scheduler()));
    try {
      for (String path : List.of(StatusServer.STATUS_PATH, "/metrics")) {
        HttpURLConnection get = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port() + path).openConnection();
        get.getInputStream().readAllBytes();
        get.disconnect();
      }
    } finally {
      server.close();
    }
  }

  /** The netlink table and link monitor read only: warming up never changes the host's links or addresses. */
  private static void readAddresses() throws AddressTableException, LinkException {
    try (NetlinkAddressTable table = new NetlinkAddressTable(); IpLinkMonitor links = IpLinkMonitor.start()) {
      table.list("lo");
      links.current();
    }
  }
}
