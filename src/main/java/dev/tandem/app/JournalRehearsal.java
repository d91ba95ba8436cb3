package dev.tandem.app;

import dev.tandem.instance.Cause;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.StateChanged;
import dev.tandem.vrrp.VrrpState;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * A takeover's journal write runs code that a controller otherwise runs a few times a day (the
 * persist path, the plugin's write stream, Slick, H2's insert and commit, the JSON serializer), and
 * the JVM runs code interpreted until it has run it a few hundred times: 5-18 ms a write measured
 * for the first twenty writes of a process, against ~0.6 ms once compiled. Once per actor system,
 * at start, this writes transitions one at a time through the same plugin and serializer into a
 * scratch H2 database kept in memory (H2's memFS: the same file-store code, no file), so that the
 * JIT has compiled that path before a takeover needs it. The journal itself gets nothing.
 */
public final class JournalRehearsal {
  /** The plugins of journal-rehearsal.conf that write to the scratch database ({@link JournalDatabase#rehearsalUrl()}). */
  static final String JOURNAL_PLUGIN = "tandem-rehearsal-journal";
  static final String SNAPSHOT_PLUGIN = "tandem-rehearsal-snapshot-store";
  /** C1 compiles a method after ~200 calls: the benchmark's first writes were slow for about as many. */
  public static final int ROUNDS = 300;
  private static final StateChanged TRANSITION = new StateChanged(InstanceEvent.SCHEMA_VERSION, Instant.EPOCH,
      "rehearsal", "rehearsal", VrrpState.BACKUP, VrrpState.MASTER,
      new Cause("master-down", "rehearsal", Optional.empty(), Optional.empty(), Optional.empty()), 100,
      List.of("192.0.2.1/32"));

  private JournalRehearsal() {}

  /**
   * Writes {@code rounds} events into {@code journal}'s scratch database through the system's journal
   * plugin, off the caller's thread; completes when the last is written, or with what stopped it.
   */
  public static CompletionStage<Done> start(ActorSystem<?> system, JournalDatabase journal, int rounds) {
    CompletableFuture<Done> done = new CompletableFuture<>();
    // A system stopped before the writer ran (or before it was spawned) must not leave anyone waiting.
    system.getWhenTerminated().thenRun(() -> done.completeExceptionally(
        new IllegalStateException("the actor system stopped before the journal rehearsal ended")));
    CompletableFuture.runAsync(() -> {
      try {
        journal.ensureRehearsalSchema();
      } catch (IOException | SQLException e) {
        throw new CompletionException(e);
      }
    }).whenComplete((created, failure) -> {
      if (failure != null) {
        done.completeExceptionally(failure);
      } else {
        system.systemActorOf(Behaviors.<Write>setup(ctx -> new Writer(ctx.getSelf(), done)), "journal-rehearsal",
            Props.empty()).tell(new Write(rounds));
      }
    });
    return done;
  }

  /** Write {@code remaining} more events, one persist each, as an instance writes a takeover's. */
  record Write(int remaining) {}

  private static final class Writer extends EventSourcedBehavior<Write, InstanceEvent, Integer> {
    private final ActorRef<Write> self;
    private final CompletableFuture<Done> done;

    Writer(ActorRef<Write> self, CompletableFuture<Done> done) {
      super(PersistenceId.ofUniqueId("rehearsal"));
      this.self = self;
      this.done = done;
    }

    @Override
    public String journalPluginId() {
      return JOURNAL_PLUGIN;
    }

    @Override
    public String snapshotPluginId() {
      return SNAPSHOT_PLUGIN;
    }

    @Override
    public Integer emptyState() {
      return 0;
    }

    @Override
    public CommandHandler<Write, InstanceEvent, Integer> commandHandler() {
      return newCommandHandlerBuilder().forAnyState().onCommand(Write.class, this::write).build();
    }

    private Effect<InstanceEvent, Integer> write(Integer written, Write write) {
      if (write.remaining() <= 0) {
        done.complete(Done.getInstance());
        return Effect().stop();
      }
      return Effect().persist(TRANSITION)
          .thenRun(state -> self.tell(new Write(write.remaining() - 1)));
    }

    @Override
    public EventHandler<Integer, InstanceEvent> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent((written, event) -> written + 1);
    }

    @Override
    public SignalHandler<Integer> signalHandler() {
      return newSignalHandlerBuilder()
          .onSignal(PostStop.instance(), state -> done.completeExceptionally(
              new IllegalStateException("the journal rehearsal stopped after " + state + " write(s)")))
          .build();
    }
  }
}
