package dev.tandem.audit;

import dev.tandem.vrrp.VrrpState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The audit as one self-contained HTML page (no scripts, styles or images from elsewhere): per
 * instance an inline SVG timeline with each node's states as colored bands and the failover
 * episodes and crashes marked, then the episodes, crashes, flapping and totals as tables. The
 * timeline's own lines are left to the text and JSON formats.
 */
public final class HtmlReport extends Findings {
  private static final int WIDTH = 1000;
  private static final int LABEL = 110;
  private static final int ROW = 26;
  private static final Map<VrrpState, String> COLORS = Map.of(VrrpState.MASTER, "#2e7d32", VrrpState.BACKUP,
      "#90a4ae", VrrpState.FAULT, "#c62828", VrrpState.INITIALIZE, "#e0e0e0");

  private final PrintWriter out;

  public HtmlReport(PrintWriter out) {
    this.out = out;
    out.println("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tandem audit</title>");
    out.println("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:.5em 0 1.5em}"
        + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left;font-size:13px}svg{background:#fafafa}"
        + ".legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}</style></head><body>");
    out.println("<h1>tandem audit</h1><p class=\"legend\">" + legend()
        + "<span style=\"background:#ef6c00\"></span>failover <span style=\"background:#000\"></span>crash</p>");
  }

  @Override
  public void instanceEnd(Totals totals) {
    out.println("<h2>" + escape(totals.instance()) + "</h2>");
    timeline(totals);
    out.println("<h3>Failover episodes</h3><table><tr><th>lost MASTER</th><th>at</th><th>why</th><th>became MASTER</th>"
        + "<th>at</th><th>why</th><th>gap</th><th>handover</th></tr>");
    for (Episode e : episodes) {
      out.println(row(e.lostBy(), e.lostAt().map(TimelineText::time).orElse("-"), e.lostWhy(), e.takenBy(),
          e.takenAt().map(TimelineText::time).orElse("-"), e.takenWhy(),
          e.gap().map(TimelineText::duration).orElse("-"), e.handover().description()));
    }
    out.println("</table><h3>Crashes</h3><table><tr><th>node</th><th>restarted</th><th>last event before</th></tr>");
    crashes.forEach(c -> out.println(row(c.node(), TimelineText.time(c.restartedAt()),
        c.lastJournaled().map(TimelineText::time).orElse("-"))));
    out.println("</table><h3>Flapping</h3><table><tr><th>node</th><th>from</th><th>to</th><th>transitions</th></tr>");
    flapping.forEach(f -> out.println(row(f.node(), TimelineText.time(f.from()), TimelineText.time(f.to()),
        Integer.toString(f.transitions()))));
    out.println("</table><h3>Totals</h3><table><tr><th>node</th><th>time as MASTER</th></tr>");
    totals.timeAsMaster().forEach((node, time) -> out.println(row(node, TimelineText.duration(time)
        + (totals.masterUntilRestart().contains(node) ? " " + TextReport.UNTIL_RESTART : ""))));
    out.println("</table><p>failovers: " + totals.failovers()
        + totals.longestGap().map(e -> "; longest gap " + TimelineText.duration(e.gap().orElseThrow()) + " ("
            + escape(e.takenBy()) + " at " + TimelineText.time(e.at()) + ")").orElse("")
        + (totals.otherKinds().isEmpty() ? "" : "; other events: " + escape(totals.otherKinds().toString())) + "</p>");
    clear();
  }

  @Override
  public void finish() {
    out.println("</body></html>");
    out.flush();
  }

  private void timeline(Totals totals) {
    List<String> nodes = new ArrayList<>(new TreeSet<>(totals.timeAsMaster().keySet()));
    spans.stream().map(StateSpan::node).filter(n -> !nodes.contains(n)).distinct().forEach(nodes::add);
    if (spans.isEmpty()) {
      out.println("<p>No states in the window.</p>");
      return;
    }
    Instant start = spans.stream().map(StateSpan::from).min(Instant::compareTo).orElseThrow();
    Instant end = spans.stream().map(StateSpan::to).max(Instant::compareTo).orElseThrow();
    double nanos = Math.max(1, Duration.between(start, end).toNanos());
    double scale = (WIDTH - LABEL - 10) / nanos;
    int height = ROW * nodes.size() + 30;
    out.println("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
        + "\" role=\"img\"><title>" + escape(totals.instance()) + " states per node</title>");
    for (int i = 0; i < nodes.size(); i++) {
      out.println("<text x=\"4\" y=\"" + (i * ROW + 17) + "\" font-size=\"13\">" + escape(nodes.get(i)) + "</text>");
    }
    for (StateSpan s : spans) {
      double x = LABEL + Duration.between(start, s.from()).toNanos() * scale;
      double w = Math.max(0.5, Duration.between(s.from(), s.to()).toNanos() * scale);
      out.printf("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s %s - %s</title></rect>%n",
          x, nodes.indexOf(s.node()) * ROW + 3, w, ROW - 6, COLORS.get(s.state()), escape(s.node()), s.state(),
          TimelineText.time(s.from()), TimelineText.time(s.to()));
    }
    for (Episode e : episodes) {
      double x = LABEL + Math.max(0, Duration.between(start, e.at()).toNanos()) * scale;
      out.printf("<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ef6c00\" stroke-width=\"2\"><title>%s</title></line>%n",
          x, x, ROW * nodes.size(), escape("failover: " + e.lostBy() + " -> " + e.takenBy()
              + e.gap().map(g -> ", gap " + TimelineText.duration(g)).orElse("") + " (" + e.handover().description() + ")"));
    }
    for (Crash c : crashes) {
      double x = LABEL + Math.max(0, Duration.between(start, c.restartedAt()).toNanos()) * scale;
      int y = nodes.indexOf(c.node()) * ROW;
      out.printf("<path d=\"M%.1f %d l-5 -8 h10 z\" fill=\"#000\"><title>%s</title></path>%n", x, y + ROW - 2,
          escape(c.node() + " crashed as MASTER, restarted " + TimelineText.time(c.restartedAt())));
    }
    out.println("<text x=\"" + LABEL + "\" y=\"" + (height - 8) + "\" font-size=\"12\">" + TimelineText.time(start)
        + "</text><text x=\"" + (WIDTH - 10) + "\" y=\"" + (height - 8) + "\" font-size=\"12\" text-anchor=\"end\">"
        + TimelineText.time(end) + "</text></svg>");
  }

  private static String legend() {
    StringBuilder legend = new StringBuilder();
    for (VrrpState state : VrrpState.values()) {
      legend.append("<span style=\"background:").append(COLORS.get(state)).append("\"></span>").append(state);
    }
    return legend.toString();
  }

  private static String row(String... cells) {
    StringBuilder row = new StringBuilder("<tr>");
    for (String cell : cells) {
      row.append("<td>").append(escape(cell)).append("</td>");
    }
    return row.append("</tr>").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
