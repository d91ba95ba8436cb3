package dev.tandem.instance;

import io.prometheus.metrics.core.metrics.Histogram;
import java.util.concurrent.TimeUnit;

/**
 * How long an event takes from the decision that made it (a {@link InstanceCommand.Record} being
 * created) to being durable in the journal (the persist callback): issue 7's journal latency figure,
 * served in {@code /metrics} as {@code tandem_journal_write_seconds}. One per process, as the
 * journal is: every instance's writes go to the same histogram.
 */
public final class JournalWriteLatency {
  public static final Histogram SECONDS = Histogram.builder()
      .name("tandem_journal_write_seconds")
      .help("From a transition's decision to its event being durable in the journal")
      .classicOnly()
      .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
      .build();

  private JournalWriteLatency() {}

  static void observeSince(long decidedNanos) {
    SECONDS.observe((System.nanoTime() - decidedNanos) / (double) TimeUnit.SECONDS.toNanos(1));
  }
}
