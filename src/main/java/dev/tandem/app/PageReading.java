package dev.tandem.app;

import dev.tandem.audit.EventJson;
import dev.tandem.audit.JournalEntry;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Two stages beside the analysis on the caller's thread: one thread reads pages of stored events
 * over JDBC, the other decodes their JSON (reading and decoding on one thread made it the slowest
 * of the two). A page is a future its reader waits for only when it needs the page.
 */
final class PageReading implements AutoCloseable {
  private final ExecutorService reader = daemonThread("journal-reader");
  private final ExecutorService decoder = daemonThread("journal-decoder");

  /**
   * A row as stored: whose event (and that id's place among the ids the query reads), its sequence
   * number, its payload and the kind its manifest names.
   */
  record StoredEvent(String persistenceId, int place, long sequence, byte[] payload, EventJson.PayloadKind kind) {}

  /** A decoded event and where it is stored: its persistence id's place, its sequence number. */
  record ReadEvent(int place, long sequence, JournalEntry entry) {}

  /** A page: its events, the position the next page starts after, and whether more may follow. */
  record Page<T>(List<T> events, long last, boolean more) {}

  /** One page's query, run on the reader thread only. */
  interface PageQuery {
    Page<StoredEvent> run() throws SQLException;
  }

  /** Reads a page on the reader thread and decodes it on the decoder thread; {@code what} names it in errors. */
  CompletableFuture<Page<ReadEvent>> read(PageQuery query, String what) {
    return read(query, what, Function.identity());
  }

  /** Like {@link #read(PageQuery, String)}, and then {@code sorting} on the decoder thread. */
  <T> CompletableFuture<T> read(PageQuery query, String what, Function<Page<ReadEvent>, T> sorting) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return query.run();
      } catch (SQLException e) {
        throw new JournalUnreadable("cannot read " + what + " from the journal: " + e.getMessage());
      }
    }, reader).thenApplyAsync(rows -> sorting.apply(decode(rows)), decoder);
  }

  /** The page, or the {@link JournalUnreadable} that ended its reading. */
  static <T> T await(CompletableFuture<T> page) {
    try {
      return page.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof JournalUnreadable unreadable ? unreadable : e;
    }
  }

  /** Waits for a read still under way, so that its statement is not closed under it. */
  static void settle(CompletableFuture<?> page) {
    if (page != null) {
      page.handle((done, failure) -> done).join();
    }
  }

  /**
   * Runs a page's statement, whose columns are the persistence id, sequence number, payload and
   * manifest, then the position (column {@code position}) the next page starts after. The ids' places
   * and the manifests' kinds are looked up here, where H2 has just made their strings.
   */
  static Page<StoredEvent> rows(PreparedStatement statement, int pageSize, int position, long after,
      ToIntFunction<String> placeOf) throws SQLException {
    List<StoredEvent> rows = new ArrayList<>(pageSize);
    long last = after;
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        last = rs.getLong(position);
        String id = rs.getString(1);
        rows.add(new StoredEvent(id, placeOf.applyAsInt(id), rs.getLong(2), rs.getBytes(3),
            EventJson.kindOf(rs.getString(4))));
      }
    }
    return new Page<>(rows, last, rows.size() == pageSize);
  }

  private static Page<ReadEvent> decode(Page<StoredEvent> rows) {
    List<ReadEvent> events = new ArrayList<>(rows.events().size());
    for (StoredEvent row : rows.events()) {
      try {
        events.add(new ReadEvent(row.place(), row.sequence(), EventJson.decode(row.payload(), row.kind())));
      } catch (IOException e) {
        throw new JournalUnreadable("event " + row.sequence() + " of " + row.persistenceId() + " is unreadable: "
            + e.getMessage());
      }
    }
    return new Page<>(events, rows.last(), rows.more());
  }

  private static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public void close() {
    reader.shutdownNow();
    decoder.shutdownNow();
  }
}
