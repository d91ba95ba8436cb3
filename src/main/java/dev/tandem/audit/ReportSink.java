package dev.tandem.audit;

/**
 * Where an audit's findings go, as they are found: a renderer writes or collects them. Instances
 * arrive one at a time, each between {@link #instanceStart} and {@link #instanceEnd}.
 */
public interface ReportSink {
  void instanceStart(String instance);

  void entry(JournalEntry entry);

  /** A state a node held, for renderers that draw them; most ignore it. */
  default void span(StateSpan span) {}

  void episode(Episode episode);

  void crash(Crash crash);

  void flapping(Flapping flapping);

  void instanceEnd(Totals totals);

  /** After the last instance. */
  default void finish() {}
}
