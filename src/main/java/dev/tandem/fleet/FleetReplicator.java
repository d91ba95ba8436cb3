package dev.tandem.fleet;

import dev.tandem.config.FleetConfig;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.VrrpInstance;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships this node's local journal to the fleet store, in rounds on a thread of its own: connect
 * (once), read the stored offset, take up to {@code batch} events after it through Persistence
 * Query ({@code currentEventsByTag("vrrp")}), write them with the new offset in one transaction.
 * A full batch is followed at once by the next; otherwise the next round comes after
 * {@code interval}. Any failure drops the connection and retries with a doubling delay (up to 30
 * intervals); it is logged once per outage, and the catch-up after it once. Nothing here is on the
 * VRRP path: instances never wait for it, and it only reads what they journaled.
 */
public final class FleetReplicator implements AutoCloseable {
  private static final String DISPATCHER = "tandem-fleet-dispatcher";
  private static final int MAX_BACKOFF_INTERVALS = 30;
  private static final Duration LOCAL_READ_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger("tandem");

  private final ActorSystem<?> system;
  private final FleetConfig config;
  private final String node;
  private final String journal;
  private final Consumer<FleetProgress> listener;
  private final JdbcReadJournal localJournal;
  private final EventJson json;
  private final ScheduledThreadPoolExecutor thread;

  // Touched by the replicator's thread only.
  private Connection connection;
  private FleetStore store;
  private long offset;
  private long totalShipped;
  private long shippedSinceCaughtUp;
  private boolean outage;
  private Duration backoff;

  private FleetReplicator(ActorSystem<?> system, FleetConfig config, String node, String journal,
      Consumer<FleetProgress> listener) {
    this.system = system;
    this.config = config;
    this.node = node;
    this.journal = journal;
    this.listener = listener;
    this.localJournal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    this.json = new EventJson(system);
    this.backoff = config.interval();
    this.thread = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "tandem-fleet");
      t.setDaemon(true);
      return t;
    });
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Starts shipping the local journal of {@code system} as {@code node} (the node id, unique per
   * host), whose local journal is identified by {@code journal}; {@code listener} hears every round.
   */
  public static FleetReplicator start(ActorSystem<?> system, FleetConfig config, String node, String journal,
      Consumer<FleetProgress> listener) {
    FleetReplicator replicator = new FleetReplicator(system, config, node, journal, listener);
    LOG.info("fleet: shipping journal {} of node {} to {}", journal, node, config.url());
    replicator.thread.execute(replicator::round);
    return replicator;
  }

  private void round() {
    Duration next;
    FleetProgress progress;
    try {
      List<EventEnvelope> envelopes = shipNextBatch();
      boolean caughtUp = envelopes.size() < config.batch();
      if (outage) {
        LOG.info("fleet: {} reachable again", config.url());
        outage = false;
      }
      if (caughtUp && shippedSinceCaughtUp > 0) {
        LOG.info("fleet: shipped {} events, caught up", shippedSinceCaughtUp);
        shippedSinceCaughtUp = 0;
      }
      backoff = config.interval();
      next = caughtUp ? config.interval() : Duration.ZERO;
      progress = new FleetProgress(envelopes.size(), totalShipped, offset, caughtUp, Optional.empty());
    } catch (Exception e) {
      disconnect();
      String reason = reason(e);
      if (!outage) {
        LOG.warn("fleet: cannot ship to {} ({}); events wait in the local journal, retrying with backoff",
            config.url(), reason);
        outage = true;
      }
      next = backoff;
      Duration max = config.interval().multipliedBy(MAX_BACKOFF_INTERVALS);
      backoff = backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2);
      progress = new FleetProgress(0, totalShipped, offset, false, Optional.of(reason));
    }
    listener.accept(progress);
    try {
      thread.schedule(this::round, next.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      // close() came during this round: there is no next one.
    }
  }

  /** One batch from the stored offset on; connects first when not connected. */
  private List<EventEnvelope> shipNextBatch() throws Exception {
    if (store == null) {
      connection = FleetConnection.open(config);
      FleetStore connected = new FleetStore(connection);
      connected.ensureSchema();
      offset = connected.offset(node, journal);
      store = connected;
    }
    List<EventEnvelope> envelopes = localJournal.currentEventsByTag(VrrpInstance.TAG, Offset.sequence(offset))
        .take(config.batch())
        .withAttributes(ActorAttributes.dispatcher(DISPATCHER))
        .runWith(Sink.seq(), system)
        .toCompletableFuture().get(LOCAL_READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (envelopes.isEmpty()) {
      return envelopes;
    }
    List<ShippedEvent> events = new ArrayList<>(envelopes.size());
    for (EventEnvelope envelope : envelopes) {
      events.add(shipped(envelope));
    }
    long reached = ((Sequence) envelopes.get(envelopes.size() - 1).offset()).value();
    store.write(node, journal, events, reached);
    offset = reached;
    totalShipped += events.size();
    shippedSinceCaughtUp += events.size();
    return envelopes;
  }

  private ShippedEvent shipped(EventEnvelope envelope) throws Exception {
    InstanceEvent event = (InstanceEvent) envelope.event();
    String text = json.write(event);
    return new ShippedEvent(envelope.persistenceId(), envelope.sequenceNr(), event.instance(), event.at(),
        json.kind(text), event.schema(), text);
  }

  /** A batch's failure names the statement with all its values; the cause underneath it is what an operator needs. */
  private static String reason(Exception e) {
    Exception cause = e instanceof SQLException && ((SQLException) e).getNextException() != null
        ? ((SQLException) e).getNextException() : e;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private void disconnect() {
    store = null;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Already broken: that is why it is being dropped.
      }
      connection = null;
    }
  }

  /** Stops after the round in progress (bounded); what is not shipped yet is shipped at the next start. */
  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      // A round stuck in a write: closing its connection below is what unblocks it.
      thread.shutdownNow();
    }
    disconnect();
  }
}
