package dev.tandem.fleet;

import dev.tandem.app.JournalDatabase;
import dev.tandem.config.FleetConfig;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.InstanceStopped;
import dev.tandem.instance.VrrpInstance;
import dev.tandem.vrrp.VrrpState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * One node's side of the fleet journal in a test: its own H2 journal (as `tandem run` has it), an
 * actor that appends events to it exactly as a VrrpInstance journals them (same persistence id
 * and tag), and replicators reporting every round into a queue.
 */
final class LocalNode implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);

  final String name;
  final ActorTestKit kit;
  final String journalId;
  final BlockingQueue<FleetProgress> progress = new LinkedBlockingQueue<>();
  private final ActorRef<Append> writer;
  private final List<FleetReplicator> replicators = new ArrayList<>();
  private int appended;

  LocalNode(String name, Path journalDir) throws Exception {
    this.name = name;
    JournalDatabase db = new JournalDatabase(journalDir);
    db.ensureSchema();
    this.journalId = db.identity();
    this.kit = ActorTestKit.create("node-" + name, db.actorSystemConfig());
    this.writer = kit.spawn(new Writer(name));
  }

  /** Appends {@code count} events to the local journal and returns once they are written. */
  List<InstanceEvent> append(int count) {
    List<InstanceEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      appended++;
      events.add(new InstanceStopped(InstanceEvent.SCHEMA_VERSION, Instant.parse("2024-05-01T10:00:00Z").plusMillis(appended),
          name, "VI_1", VrrpState.BACKUP, "event " + appended));
    }
    TestProbe<Done> done = kit.createTestProbe();
    writer.tell(new Append(events, done.getRef()));
    done.expectMessage(Duration.ofSeconds(10), Done.getInstance());
    return events;
  }

  FleetReplicator replicate(FleetConfig config) {
    FleetReplicator replicator = FleetReplicator.start(kit.system(), config, name, journalId, progress::add);
    replicators.add(replicator);
    return replicator;
  }

  /** The first round (bounded wait) that matches; earlier rounds are passed over. */
  FleetProgress awaitRound(Predicate<FleetProgress> wanted, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<FleetProgress> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      FleetProgress round = progress.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (round != null && wanted.test(round)) {
        return round;
      }
      if (round != null && seen.size() < 20) {
        seen.add(round);
      }
    }
    throw new AssertionError(name + ": no round where " + what + " within " + WAIT + "; saw " + seen);
  }

  @Override
  public void close() throws InterruptedException {
    for (FleetReplicator replicator : replicators) {
      replicator.close();
    }
    kit.shutdownTestKit();
  }

  record Append(List<InstanceEvent> events, ActorRef<Done> replyTo) {}

  /** Journals what it is given, as VrrpInstance does: persistence id vrrp|node|VI_1, tag vrrp. */
  private static final class Writer extends EventSourcedBehavior<Append, InstanceEvent, Integer> {
    Writer(String node) {
      super(VrrpInstance.persistenceId(node, "VI_1"));
    }

    @Override
    public Integer emptyState() {
      return 0;
    }

    @Override
    public Set<String> tagsFor(InstanceEvent event) {
      return Set.of(VrrpInstance.TAG);
    }

    @Override
    public CommandHandler<Append, InstanceEvent, Integer> commandHandler() {
      return newCommandHandlerBuilder().forAnyState()
          .onCommand(Append.class, (state, cmd) -> Effect().persist(cmd.events()).thenReply(cmd.replyTo(), s -> Done.getInstance()))
          .build();
    }

    @Override
    public EventHandler<Integer, InstanceEvent> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> state + 1);
    }
  }
}
