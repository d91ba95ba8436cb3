package dev.tandem.instance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * A journal whose recovery answers only when a test {@link #release()}s it, as a slow journal on a
 * loaded host does; writes succeed at once (and are counted) but are not kept. Static, because
 * Pekko builds the plugin itself; each test starts with {@link #hold()}.
 */
public final class HeldJournal extends AsyncWriteJournal {
  static final String CONFIG = "pekko.persistence.journal.plugin = held-journal\n"
      + "held-journal.class = \"" + HeldJournal.class.getName() + "\"\n"
      + "pekko.persistence.snapshot-store.plugin = \"\"\n";

  private static volatile CompletableFuture<Void> recovery = new CompletableFuture<>();
  private static final AtomicInteger WRITES = new AtomicInteger();

  static void hold() {
    recovery = new CompletableFuture<>();
    WRITES.set(0);
  }

  static void release() {
    recovery.complete(null);
  }

  /** Atomic writes (one per persist) taken so far. */
  static int writes() {
    return WRITES.get();
  }

  @Override
  public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
    messages.forEach(m -> WRITES.incrementAndGet());
    return Future.successful(List.of());
  }

  @Override
  public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    return Future.successful(null);
  }

  @Override
  public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
      Consumer<PersistentRepr> replayCallback) {
    return FutureConverters.asScala(recovery);
  }

  @Override
  public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    return FutureConverters.asScala(recovery.thenApply(done -> 0L));
  }
}
