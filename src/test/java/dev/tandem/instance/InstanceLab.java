package dev.tandem.instance;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.ScriptConfig;
import dev.tandem.health.HealthCheck;
import dev.tandem.net.InMemoryAddressTable;
import dev.tandem.net.InMemoryInterfaceMonitor;
import dev.tandem.net.InMemoryLink;
import dev.tandem.net.InMemoryNetwork;
import dev.tandem.net.LinkHub;
import dev.tandem.health.ScriptProcess;
import dev.tandem.health.ScriptRunner;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.wire.DecodedFrame;
import dev.tandem.wire.FrameDecoder;
import dev.tandem.wire.MacAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.testkit.ExplicitlyTriggeredScheduler;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.query.javadsl.PersistenceTestKitReadJournal;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Several nodes, each with one VrrpInstance, on an in-memory segment, under manual time and the
 * persistence testkit's journal. A tap on the segment reports every advert on the wire.
 */
final class InstanceLab implements AutoCloseable {
  /** An advert seen on the wire. */
  record Seen(String source, int priority) {}

  /** One node: its link, its address table, its interface states (set them to take links down) and its instance. */
  record Node(String name, InMemoryLink link, InMemoryAddressTable addresses, InMemoryInterfaceMonitor interfaces,
      ActorRef<InstanceCommand> instance) {}

  /** Manual time and the persistence testkit's in-memory journal. */
  static final Config IN_MEMORY_JOURNAL = ManualTime.config()
      .withFallback(PersistenceTestKitPlugin.getInstance().config())
      .withFallback(PersistenceTestKitSnapshotPlugin.config())
      .withFallback(ConfigFactory.parseString(
          "pekko.actor.serialization-bindings { \"dev.tandem.instance.InstanceEvent\" = jackson-json }\n"
              + "pekko.persistence.testkit.events.serialize = on\n"
              + "pekko.loglevel = WARNING"))
      .withFallback(ConfigFactory.parseResources("runtime.conf"))
      .withFallback(ConfigFactory.load());

  final ActorTestKit kit;
  final ManualTime time;
  final InMemoryNetwork network = new InMemoryNetwork();
  final TestProbe<Seen> wire;
  /**
   * The nodes' monotonic clock: manual time, in which their timers run too. A real clock beside
   * manual timers would make the router's input lateness (real time between an advert's arrival and
   * its handling) shorten timers that manual time then fires early, at random.
   */
  private final LongSupplier manualNanoTime;
  private final String readJournalId;

  InstanceLab() {
    this(IN_MEMORY_JOURNAL, PersistenceTestKitReadJournal.Identifier());
  }

  /** {@code config} must include {@link ManualTime#config()}. */
  InstanceLab(Config config, String readJournalId) {
    this.kit = ActorTestKit.create("lab", config);
    this.time = ManualTime.get(kit.system());
    ExplicitlyTriggeredScheduler scheduler = (ExplicitlyTriggeredScheduler) Adapter.toClassic(kit.system()).scheduler();
    this.manualNanoTime = () -> TimeUnit.MILLISECONDS.toNanos(scheduler.currentTimeMs());
    this.wire = kit.createTestProbe();
    this.readJournalId = readJournalId;
    network.tap(frame -> {
      if (FrameDecoder.decode(frame) instanceof DecodedFrame.Advert a) {
        wire.getRef().tell(new Seen(a.advert().source().getHostAddress(), a.advert().advert().priority()));
      }
    });
  }

  /** The nodes' monotonic clock (manual time), for hubs and controllers a test builds itself. */
  LongSupplier nanoTime() {
    return manualNanoTime;
  }

  /** Starts a node and returns once its instance has recovered, journaled its start and entered Backup. */
  Node start(String name, int hostByte, InstanceConfig config) {
    return start(name, hostByte, config, Map.of(), InstanceLab::noCheck, ScriptProcess::run);
  }

  /** As {@link #start(String, int, InstanceConfig)}, with {@code scripts} run by the checks {@code checks} builds. */
  Node start(String name, int hostByte, InstanceConfig config, Map<String, ScriptConfig> scripts,
      Function<ScriptConfig, HealthCheck> checks) {
    return start(name, hostByte, config, scripts, checks, ScriptProcess::run);
  }

  /** As {@link #start(String, int, InstanceConfig)}, its notify scripts run by {@code notifyRunner}. */
  Node start(String name, int hostByte, InstanceConfig config, ScriptRunner notifyRunner) {
    return start(name, hostByte, config, Map.of(), InstanceLab::noCheck, notifyRunner);
  }

  /**
   * As {@link #start(String, int, InstanceConfig)}: a member of {@code group} (if any) that sends
   * alert emails (if any), its tracked {@code scripts} run by the checks {@code checks} builds.
   */
  Node start(String name, int hostByte, InstanceConfig config, Map<String, ScriptConfig> scripts,
      Function<ScriptConfig, HealthCheck> checks, Optional<ActorRef<SyncGroup.Command>> group, Optional<MailAlerts> mail) {
    return start(name, hostByte, config, scripts, checks, ScriptProcess::run, group, mail);
  }

  /** As {@link #start(String, int, InstanceConfig)}, sending alert emails as {@code mail} says. */
  Node start(String name, int hostByte, InstanceConfig config, MailAlerts mail) {
    return start(name, hostByte, config, Map.of(), InstanceLab::noCheck, Optional.empty(), Optional.of(mail));
  }

  static HealthCheck noCheck(ScriptConfig script) {
    throw new IllegalArgumentException("no check for " + script.name());
  }

  /**
   * As {@link #start(String, int, InstanceConfig)}, with the node's link open (and heard) while
   * {@code whileListening} moves manual time, before its instance starts, as a process opens its
   * links while its actor system starts. Adverts sent meanwhile reach the link on the senders'
   * threads: {@code whileListening} waits for them on the wire before it moves time on, so that
   * they arrive as of when they were sent.
   */
  Node startAfterListening(String name, int hostByte, InstanceConfig config, Runnable whileListening) {
    return start(name, hostByte, config, Map.of(), InstanceLab::noCheck, ScriptProcess::run, Optional.empty(),
        Optional.empty(), whileListening);
  }

  private Node start(String name, int hostByte, InstanceConfig config, Map<String, ScriptConfig> scripts,
      Function<ScriptConfig, HealthCheck> checks, ScriptRunner notifyRunner) {
    return start(name, hostByte, config, scripts, checks, notifyRunner, Optional.empty(), Optional.empty());
  }

  private Node start(String name, int hostByte, InstanceConfig config, Map<String, ScriptConfig> scripts,
      Function<ScriptConfig, HealthCheck> checks, ScriptRunner notifyRunner,
      Optional<ActorRef<SyncGroup.Command>> group, Optional<MailAlerts> mail) {
    return start(name, hostByte, config, scripts, checks, notifyRunner, group, mail, () -> { });
  }

  private Node start(String name, int hostByte, InstanceConfig config, Map<String, ScriptConfig> scripts,
      Function<ScriptConfig, HealthCheck> checks, ScriptRunner notifyRunner,
      Optional<ActorRef<SyncGroup.Command>> group, Optional<MailAlerts> mail, Runnable whileListening) {
    InMemoryLink link = network.link("eth0", new MacAddress(0x020000000000L | hostByte),
        TestInstances.ip("192.0.2." + hostByte));
    LinkHub hub = new LinkHub(link, manualNanoTime);
    hub.start();
    whileListening.run();
    InMemoryAddressTable addresses = new InMemoryAddressTable();
    // Every interface the node's config names is up at start, as on a healthy host.
    InMemoryInterfaceMonitor interfaces = new InMemoryInterfaceMonitor();
    interfaces.set(config.interfaceName(), true);
    config.trackInterfaces().forEach(tracked -> interfaces.set(tracked.name(), true));
    ActorRef<InstanceCommand> ref = kit.spawn(VrrpInstance.create(new InstanceWiring(config, name, hub, addresses,
        Clock.systemUTC(), manualNanoTime, scripts, checks, notifyRunner, interfaces, group, mail)));
    Node node = new Node(name, link, addresses, interfaces, ref);
    awaitState(node, VrrpState.BACKUP);
    return node;
  }

  /**
   * Started together, {@code first} (priority 150, at 192.0.2.11) wins the election at its
   * Master_Down_Interval (3414 ms) and {@code second} hears its first advert.
   */
  void elect(Node first, Node second) {
    quietFor(3413);
    advertAfter(1, new Seen("192.0.2.11", 150));
    awaitState(first, VrrpState.MASTER);
    awaitAdvertsReceived(second, 1);
  }

  /**
   * Nodes a (150, 192.0.2.11) and b (100, 192.0.2.12): a becomes Master at its Master_Down_Interval
   * (3414 ms), b stays Backup. Time passes from both starts.
   */
  Node[] elect() {
    Node a = start("a", 11, TestInstances.vi1(150, true));
    Node b = start("b", 12, TestInstances.vi1(100, true));
    elect(a, b);
    return new Node[] {a, b};
  }

  static String pid(String node) {
    return VrrpInstance.persistenceId(node, "VI_1").id();
  }

  InstanceStatus status(Node node) {
    TestProbe<InstanceStatus> probe = kit.createTestProbe();
    node.instance().tell(new InstanceCommand.GetStatus(probe.getRef()));
    return probe.receiveMessage();
  }

  /** Waits (bounded) until the node's instance has taken in {@code count} adverts in total. */
  void awaitAdvertsReceived(Node node, long count) {
    wire.awaitAssert(Duration.ofSeconds(3), () -> {
      long got = status(node).counters().advertsReceived();
      if (got < count) {
        throw new AssertionError(node.name() + " received " + got + " adverts, expected " + count);
      }
      return null;
    });
  }

  void awaitState(Node node, VrrpState state) {
    wire.awaitAssert(Duration.ofSeconds(3), () -> {
      VrrpState now = status(node).state();
      if (now != state) {
        throw new AssertionError(node.name() + " is " + now + ", expected " + state);
      }
      return null;
    });
  }

  /** Waits (bounded) until the node's address table holds exactly these addresses. */
  void awaitAddresses(Node node, List<String> expected) {
    awaitAddresses(node.name(), node.addresses(), expected);
  }

  /** Waits (bounded) until {@code addresses} (the table of {@code node}) holds exactly these on eth0, in any order. */
  void awaitAddresses(String node, InMemoryAddressTable addresses, List<String> expected) {
    wire.awaitAssert(Duration.ofSeconds(3), () -> {
      List<String> now = addresses.list("eth0");
      if (!Set.copyOf(now).equals(Set.copyOf(expected)) || now.size() != expected.size()) {
        throw new AssertionError(node + " holds " + now + ", expected " + expected);
      }
      return null;
    });
  }

  /**
   * After a handover's end, the binder removes the addresses once its overlap timer fires; when it
   * armed that timer is not observable, so manual time moves on in steps until the stop completes.
   */
  void awaitReleasedAfterOverlap(Node node, TestProbe<Done> stopped) {
    wire.awaitAssert(Duration.ofSeconds(3), () -> {
      time.timePasses(Duration.ofMillis(10));
      stopped.expectMessage(Duration.ofMillis(50), Done.getInstance());
      return null;
    });
    awaitAddresses(node, List.of());
  }

  /** Advances manual time by {@code millis} and asserts that no advert went out meanwhile. */
  void quietFor(long millis) {
    time.expectNoMessageFor(Duration.ofMillis(millis), wire);
  }

  /** Advances manual time by {@code millis} and expects exactly this advert next on the wire. */
  void advertAfter(long millis, Seen expected) {
    time.timePasses(Duration.ofMillis(millis));
    wire.expectMessage(expected);
  }

  void stop(Node node) {
    TestProbe<Done> done = kit.createTestProbe();
    node.instance().tell(new InstanceCommand.Stop(done.getRef(), false, "operator stop"));
    done.expectMessage(Done.getInstance());
  }

  /**
   * Every event of a node's instance, read back through Persistence Query once there are
   * {@code expected} of them: the journal follows the wire, so a transition is written a moment
   * after it is seen.
   */
  List<InstanceEvent> events(String node, int expected) {
    return events(node, "VI_1", expected);
  }

  /** As {@link #events(String, int)}, of the instance {@code instance} on {@code node}. */
  List<InstanceEvent> events(String node, String instance, int expected) {
    CurrentEventsByPersistenceIdQuery query = PersistenceQuery.get(kit.system())
        .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalId);
    List<InstanceEvent> events = new ArrayList<>();
    wire.awaitAssert(Duration.ofSeconds(3), () -> {
      CompletionStage<List<EventEnvelope>> all = query.currentEventsByPersistenceId(
          VrrpInstance.persistenceId(node, instance).id(), 0, Long.MAX_VALUE)
          .runWith(Sink.seq(), kit.system());
      events.clear();
      all.toCompletableFuture().join().forEach(e -> events.add((InstanceEvent) e.event()));
      if (events.size() != expected) {
        throw new AssertionError(node + " journaled " + events.size() + " events, expected " + expected + ": " + events);
      }
      return null;
    });
    return events;
  }

  /**
   * Master {@code a} (192.0.2.11, elected at 150) drops to {@code lowered}, below {@code b}'s 100:
   * its next advert says so, and b, discarding it, takes over Master_Down_Interval after the last
   * 150 one.
   */
  void awaitPreemptedAfterLowering(Node a, Node b, int lowered) {
    awaitPreemptedAfterLowering(a, b, lowered, () -> time.timePasses(Duration.ofMillis(1000)));
  }

  /**
   * As above, with {@code second} moving time by one second: a test whose checks run every second
   * passes a step that also waits for the run the second brings, so that no run is still on its
   * way when the test goes on.
   */
  void awaitPreemptedAfterLowering(Node a, Node b, int lowered, Runnable second) {
    awaitPriority(a, lowered);
    second.run();
    awaitAdvert(new Seen("192.0.2.11", lowered));
    for (int i = 0; i < 4; i++) {
      second.run();
    }
    awaitState(b, VrrpState.MASTER);
    awaitState(a, VrrpState.BACKUP);
  }

  /** Skips the adverts before {@code expected} (those the time just passed brought). */
  void awaitAdvert(Seen expected) {
    wire.fishForMessage(Duration.ofSeconds(3), "waiting for " + expected, seen -> seen.equals(expected)
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
  }

  void awaitPriority(Node node, int priority) {
    wire.awaitAssert(Duration.ofSeconds(3), () -> {
      if (status(node).effectivePriority() != priority) {
        throw new AssertionError(node.name() + " has priority " + status(node).effectivePriority() + ", expected " + priority);
      }
      return null;
    });
  }

  /** "started", "stopped", "health-changed", or the cause kind of each transition. */
  static List<String> kinds(List<InstanceEvent> events) {
    return events.stream().map(e -> e instanceof StateChanged s ? s.cause().kind()
        : e instanceof HealthChanged ? "health-changed" : e instanceof InstanceStarted ? "started" : "stopped").toList();
  }

  /** A health change as check, healthy, detail, from and to priority, and faults. */
  static List<String> describe(HealthChanged h) {
    return List.of(h.check(), String.valueOf(h.healthy()), h.detail(), String.valueOf(h.fromPriority()),
        String.valueOf(h.toPriority()), h.faults().toString());
  }

  @Override
  public void close() {
    kit.shutdownTestKit();
  }
}
