package dev.tandem.lab;

import java.util.List;

/**
 * Whole configuration files for a node: keepalived.conf text or tandem HOCON text, same instances.
 * {@code nodes} are the lab's VRRP nodes ({@link Lab#nodes()}): unicast instances send to the others.
 */
public final class LabConfigs {
  private LabConfigs() {}

  public static String keepalived(LabNode node, List<LabNode> nodes, List<LabInstance> instances) {
    StringBuilder b = new StringBuilder("global_defs {\n    router_id ").append(node.name()).append("\n}\n\n");
    checks(instances).forEach(c -> b.append(c.keepalivedBlock(node)).append('\n'));
    instances.forEach(i -> b.append(i.keepalivedBlock(node, nodes)).append('\n'));
    return b.toString();
  }

  public static String tandem(LabNode node, List<LabNode> nodes, List<LabInstance> instances) {
    StringBuilder b = new StringBuilder("tandem {\n  global {\n    node-id = ").append(node.name()).append("\n  }\n");
    b.append("  scripts {\n");
    checks(instances).forEach(c -> b.append(c.hoconBlock(node)));
    b.append("  }\n  instances {\n");
    instances.forEach(i -> b.append(i.hoconBlock(node, nodes)));
    return b.append("  }\n}\n").toString();
  }

  /** Each check the instances track, once: instances may share one, as keepalived's vrrp_script. */
  private static List<LabCheck> checks(List<LabInstance> instances) {
    return instances.stream().flatMap(i -> i.checks().stream()).distinct().toList();
  }
}
