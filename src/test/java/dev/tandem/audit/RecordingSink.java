package dev.tandem.audit;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything an analysis reports, for assertions (one instance). */
final class RecordingSink extends Findings {
  final List<JournalEntry> entries = new ArrayList<>();
  final List<Totals> totals = new ArrayList<>();

  @Override
  public void entry(JournalEntry entry) {
    entries.add(entry);
  }

  @Override
  public void instanceEnd(Totals t) {
    totals.add(t);
  }
}
