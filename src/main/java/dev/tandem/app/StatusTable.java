package dev.tandem.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** {@code tandem status}'s table: one line per instance of a {@code /status} JSON document. */
final class StatusTable {
  private static final List<String> HEADER =
      List.of("INSTANCE", "INTERFACE", "VRID", "STATE", "PRIORITY", "MASTER", "VIPS", "LAST TRANSITION");

  private StatusTable() {}

  static String render(JsonNode status) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (JsonNode instance : status.path("instances")) {
      rows.add(row(instance));
    }
    int[] widths = new int[HEADER.size()];
    rows.forEach(row -> {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    });
    StringBuilder out = new StringBuilder("node ").append(status.path("node").asText()).append('\n');
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static List<String> row(JsonNode instance) {
    JsonNode master = instance.path("master");
    JsonNode last = instance.path("lastTransition");
    return List.of(
        instance.path("name").asText(),
        instance.path("interface").asText(),
        instance.path("virtualRouterId").asText(),
        instance.path("state").asText(),
        instance.path("priority").path("effective").asText() + "/" + instance.path("priority").path("configured").asText(),
        master.isObject()
            ? master.path("address").asText() + " (" + (master.path("self").asBoolean() ? "self" : "prio "
                + master.path("priority").asText()) + ")"
            : "-",
        StreamSupport.stream(instance.path("vips").spliterator(), false).map(JsonNode::asText)
            .collect(Collectors.joining(",")),
        last.isObject()
            ? last.path("from").asText() + "->" + last.path("to").asText() + " at " + last.path("at").asText() + ": "
                + last.path("reason").asText()
            : "-");
  }
}
