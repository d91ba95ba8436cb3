package dev.tandem.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.instance.AdvertCounters;
import dev.tandem.instance.ControllerStatus;
import dev.tandem.instance.InstanceStatus;
import dev.tandem.instance.ScriptStatus;

/**
 * The JSON of {@code /status} and of the signal dumps. Field names are written out here rather than
 * derived from the records, so that renaming a Java field cannot change what operators parse.
 */
final class StatusJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StatusJson() {}

  static String render(ControllerStatus status) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("node", status.node());
    ArrayNode instances = root.putArray("instances");
    status.instances().forEach(instance -> instances.add(instance(instance)));
    ObjectNode invalid = root.putObject("invalidPackets");
    status.invalidPackets().forEach((iface, byReason) -> {
      ObjectNode counts = invalid.putObject(iface);
      byReason.forEach((reason, count) -> counts.put(reason.name(), count));
    });
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  private static ObjectNode instance(InstanceStatus status) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", status.instance());
    node.put("interface", status.interfaceName());
    node.put("virtualRouterId", status.virtualRouterId());
    node.put("state", status.state().name());
    ObjectNode priority = node.putObject("priority");
    priority.put("configured", status.configuredPriority());
    priority.put("effective", status.effectivePriority());
    status.master().ifPresentOrElse(master -> {
      ObjectNode m = node.putObject("master");
      m.put("address", master.address());
      m.put("priority", master.priority());
      m.put("self", master.self());
    }, () -> node.putNull("master"));
    status.vips().forEach(node.putArray("vips")::add);
    status.lastTransition().ifPresentOrElse(last -> {
      ObjectNode t = node.putObject("lastTransition");
      t.put("from", last.from().name());
      t.put("to", last.to().name());
      t.put("at", last.at().toString());
      t.put("kind", last.kind());
      t.put("reason", last.reason());
    }, () -> node.putNull("lastTransition"));
    AdvertCounters counters = status.counters();
    ObjectNode c = node.putObject("counters");
    c.put("advertsSent", counters.advertsSent());
    c.put("advertsReceived", counters.advertsReceived());
    c.put("becameMaster", counters.becameMaster());
    c.put("releasedMaster", counters.releasedMaster());
    c.put("transitions", counters.transitions());
    ObjectNode journal = node.putObject("journal");
    journal.put("heldEvents", status.journal().held());
    journal.put("droppedEvents", status.journal().dropped());
    ArrayNode scripts = node.putArray("scripts");
    for (ScriptStatus script : status.scripts()) {
      ObjectNode s = scripts.addObject();
      s.put("name", script.name());
      s.put("health", script.health().name());
      s.put("weight", script.weight());
    }
    return node;
  }
}
