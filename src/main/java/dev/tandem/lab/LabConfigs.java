package dev.tandem.lab;

import java.util.List;

/** Whole configuration files for a node: keepalived.conf text or tandem HOCON text, same instances. */
public final class LabConfigs {
  private LabConfigs() {}

  public static String keepalived(String routerId, List<LabInstance> instances) {
    StringBuilder b = new StringBuilder("global_defs {\n    router_id ").append(routerId).append("\n}\n\n");
    instances.forEach(i -> b.append(i.keepalivedBlock()).append('\n'));
    return b.toString();
  }

  public static String tandem(String nodeId, List<LabInstance> instances) {
    StringBuilder b = new StringBuilder("tandem {\n  global {\n    node-id = ").append(nodeId).append("\n  }\n")
        .append("  instances {\n");
    instances.forEach(i -> b.append(i.hoconBlock()));
    return b.append("  }\n}\n").toString();
  }
}
