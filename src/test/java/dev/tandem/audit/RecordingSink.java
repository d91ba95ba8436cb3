package dev.tandem.audit;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything an analysis reports, for assertions. */
final class RecordingSink implements ReportSink {
  final List<String> instances = new ArrayList<>();
  final List<JournalEntry> entries = new ArrayList<>();
  final List<StateSpan> spans = new ArrayList<>();
  final List<Episode> episodes = new ArrayList<>();
  final List<Crash> crashes = new ArrayList<>();
  final List<Flapping> flapping = new ArrayList<>();
  final List<Totals> totals = new ArrayList<>();

  @Override
  public void instanceStart(String instance) {
    instances.add(instance);
  }

  @Override
  public void entry(JournalEntry entry) {
    entries.add(entry);
  }

  @Override
  public void span(StateSpan span) {
    spans.add(span);
  }

  @Override
  public void episode(Episode episode) {
    episodes.add(episode);
  }

  @Override
  public void crash(Crash crash) {
    crashes.add(crash);
  }

  @Override
  public void flapping(Flapping f) {
    flapping.add(f);
  }

  @Override
  public void instanceEnd(Totals t) {
    totals.add(t);
  }
}
