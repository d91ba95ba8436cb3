package dev.tandem.app;

import dev.tandem.audit.JournalEntry;
import java.util.Iterator;

/** One persistence id's events in sequence order, for {@link JournalScan}'s merge by time. */
interface EventCursor extends Iterator<JournalEntry> {
  /** The next event, left in place; only after {@link #hasNext()} said there is one. */
  JournalEntry peek();
}
