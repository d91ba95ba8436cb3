package dev.tandem.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A sink that keeps one instance's findings (spans, episodes, crashes, flapping) until the instance
 * ends, for renderers that print them in sections; timeline entries pass through {@link #entry}.
 * A subclass prints them in {@link #instanceEnd} and then calls {@link #clear}.
 */
public abstract class Findings implements ReportSink {
  protected final List<StateSpan> spans = new ArrayList<>();
  protected final List<Episode> episodes = new ArrayList<>();
  protected final List<Crash> crashes = new ArrayList<>();
  protected final List<Flapping> flapping = new ArrayList<>();

  @Override
  public void instanceStart(String instance) {}

  @Override
  public void entry(JournalEntry entry) {}

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

  protected void clear() {
    spans.clear();
    episodes.clear();
    crashes.clear();
    flapping.clear();
  }
}
