package dev.tandem.lab;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

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

  /**
   * Appended to {@link #tandem}'s text (HOCON merges it into {@code tandem.global}): keepalived's
   * smtp_alert on, with its notification_email, notification_email_from, smtp_server and
   * smtp_connect_timeout.
   */
  public static String smtpAlerts(String smtpServer, List<String> recipients, String from, Duration timeout) {
    return "tandem.global {\n  smtp-alert = true\n  smtp-server = \"" + smtpServer + "\"\n"
        + "  notification-email = [" + recipients.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", "))
        + "]\n  notification-email-from = \"" + from + "\"\n  smtp-connect-timeout = " + timeout.toMillis() + "ms\n}\n";
  }

  /** Appended to {@link #tandem}'s text: the VRRP thread's real-time priority; nothing for 0 (normal scheduling). */
  public static String tandemRealtimePriority(int priority) {
    return priority == 0 ? "" : "tandem.global.vrrp-rt-priority = " + priority + "\n";
  }

  /** Appended to {@link #keepalived}'s text: a second global_defs (keepalived reads both), vrrp_rt_priority. */
  public static String keepalivedRealtimePriority(int priority) {
    return priority == 0 ? "" : "global_defs {\n    vrrp_rt_priority " + priority + "\n}\n";
  }

  /** Each check the instances track, once: instances may share one, as keepalived's vrrp_script. */
  private static List<LabCheck> checks(List<LabInstance> instances) {
    return instances.stream().flatMap(i -> i.checks().stream()).distinct().toList();
  }
}
