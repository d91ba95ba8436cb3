package dev.tandem.audit;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The audit for a terminal: per instance, the timeline as it is read, then its failover episodes,
 * crashes, flapping and totals. Only those findings are held until the instance ends, as their
 * lines: an {@link Episode} record took ~1.1 KB of heap, its line ~0.3 KB, and the ~140,000 episodes
 * of a 500,000-event instance filled the old generation of the audit's -Xmx256m.
 */
public final class TextReport implements ReportSink {
  static final String UNTIL_RESTART = "(at most: a run that crashed as MASTER counts until its restart,"
      + " no takeover in the journals read says when it stopped)";
  private final PrintWriter out;
  private final List<String> episodes = new ArrayList<>();
  private final List<String> crashes = new ArrayList<>();
  private final List<String> flapping = new ArrayList<>();

  public TextReport(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void instanceStart(String instance) {
    out.println("== " + instance + " ==");
    out.println("timeline:");
  }

  @Override
  public void entry(JournalEntry entry) {
    out.append("  ").append(TimelineText.line(entry)).append('\n');
  }

  /** States show in the timeline's lines; spans are not kept (a large journal has millions). */
  @Override
  public void span(StateSpan span) {}

  @Override
  public void episode(Episode episode) {
    episodes.add(describe(episode));
  }

  @Override
  public void crash(Crash crash) {
    crashes.add(describe(crash));
  }

  @Override
  public void flapping(Flapping f) {
    flapping.add(describe(f));
  }

  private static String describe(Episode e) {
    return "  " + e.lostBy() + " lost MASTER" + e.lostAt().map(t -> " at " + TimelineText.time(t)).orElse("")
        + " (" + e.lostWhy() + ")\n    -> " + e.takenBy() + " became MASTER"
        + e.takenAt().map(t -> " at " + TimelineText.time(t)).orElse("") + " (" + e.takenWhy() + ")\n    "
        + e.gap().map(g -> "gap " + TimelineText.duration(g) + " (old master last heard "
            + TimelineText.time(e.lastHeard().orElseThrow()) + ", on " + e.takenBy() + "'s clock); ").orElse("")
        + e.handover().description();
  }

  private static String describe(Crash c) {
    return "  " + c.node() + " restarted at " + TimelineText.time(c.restartedAt())
        + " after its previous run ended while MASTER without a stop"
        + c.lastJournaled().map(t -> " (its last event: " + TimelineText.time(t) + ")").orElse("");
  }

  private static String describe(Flapping f) {
    return "  " + f.node() + " " + f.transitions() + " transitions from " + TimelineText.time(f.from()) + " to "
        + TimelineText.time(f.to());
  }

  @Override
  public void instanceEnd(Totals totals) {
    section("failover episodes", episodes);
    section("crashes", crashes);
    section("flapping", flapping);
    out.println("totals:");
    totals.timeAsMaster().forEach((node, time) ->
        out.println("  time as MASTER on " + node + ": " + TimelineText.duration(time)
            + (totals.masterUntilRestart().contains(node) ? " " + UNTIL_RESTART : "")));
    out.println("  failovers: " + totals.failovers());
    totals.longestGap().ifPresent(e -> out.println("  longest gap: " + TimelineText.duration(e.gap().orElseThrow())
        + " (" + e.takenBy() + " at " + TimelineText.time(e.at()) + ")"));
    if (!totals.otherKinds().isEmpty()) {
      out.println("  other events (in the timeline, not analysed): " + totals.otherKinds().entrySet().stream()
          .map(k -> k.getKey() + " x" + k.getValue()).collect(Collectors.joining(", ")));
    }
    out.println();
    out.flush();
  }

  /** Prints a section's lines and forgets them, for the next instance. */
  private void section(String title, List<String> lines) {
    out.println(title + ":" + (lines.isEmpty() ? " none" : ""));
    lines.forEach(out::println);
    lines.clear();
  }
}
