package dev.tandem.lab;

import dev.tandem.config.TrackInterface;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One VRRP instance as the lab configures it on a node, written out either as a keepalived
 * {@code vrrp_instance} or as a tandem HOCON instance, so both daemons get the same settings.
 * {@code password} empty means no authentication; {@code vips} are "192.0.2.100/24"-style. A
 * {@code unicast} instance sends its adverts from the node's own address to each other node's
 * instead of to 224.0.0.18, as on networks without multicast. {@code checks} are the tracked
 * checks ({@link LabConfigs} defines each once per file); {@code trackInterfaces} are tracked
 * besides the node's own eth0.
 */
public record LabInstance(
    String name,
    int vrid,
    int priority,
    boolean startAsMaster,
    int version,
    Duration interval,
    boolean preempt,
    String password,
    List<String> vips,
    boolean unicast,
    List<LabCheck> checks,
    List<TrackInterface> trackInterfaces) {

  public LabInstance {
    vips = List.copyOf(vips);
    checks = List.copyOf(checks);
    trackInterfaces = List.copyOf(trackInterfaces);
  }

  /** VRRPv2 at 1 s with PASS authentication, starting as MASTER, preempting: the seeds' usual instance. */
  public static LabInstance v2(String name, int vrid, int priority, String vip) {
    return new LabInstance(name, vrid, priority, true, 2, Duration.ofSeconds(1), true, "1111", List.of(vip), false, List.of(),
        List.of());
  }

  /** VRRPv3 at 0.1 s without authentication, starting as MASTER, preempting. */
  public static LabInstance v3(String name, int vrid, int priority, String vip) {
    return new LabInstance(name, vrid, priority, true, 3, Duration.ofMillis(100), true, "", List.of(vip), false, List.of(),
        List.of());
  }

  public LabInstance withPriority(int newPriority) {
    return new LabInstance(name, vrid, newPriority, startAsMaster, version, interval, preempt, password, vips, unicast, checks, trackInterfaces);
  }

  /** state BACKUP and nopreempt, as keepalived requires for nopreempt to take effect. */
  public LabInstance nopreempt() {
    return new LabInstance(name, vrid, priority, false, version, interval, false, password, vips, unicast, checks, trackInterfaces);
  }

  public LabInstance startingAsBackup() {
    return new LabInstance(name, vrid, priority, false, version, interval, preempt, password, vips, unicast, checks, trackInterfaces);
  }

  /** The same instance speaking unicast: from the node's own address to each other node of the lab. */
  public LabInstance overUnicast() {
    return new LabInstance(name, vrid, priority, startAsMaster, version, interval, preempt, password, vips, true, checks,
        trackInterfaces);
  }

  /** The same instance tracking {@code check} as well (keepalived's track_script). */
  public LabInstance tracking(LabCheck check) {
    List<LabCheck> more = new ArrayList<>(checks);
    more.add(check);
    return new LabInstance(name, vrid, priority, startAsMaster, version, interval, preempt, password, vips, unicast, more,
        trackInterfaces);
  }

  /** The same instance also tracking {@code interfaceName} with {@code weight} (0: Fault while it is down). */
  public LabInstance trackingInterface(String interfaceName, int weight) {
    List<TrackInterface> tracked = new ArrayList<>(trackInterfaces);
    tracked.add(new TrackInterface(interfaceName, weight));
    return new LabInstance(name, vrid, priority, startAsMaster, version, interval, preempt, password, vips, unicast,
        checks, tracked);
  }

  /** Master_Down_Interval for this instance's priority: 3 × interval + Skew_Time (RFC 3768 / 5798). */
  public Duration masterDownInterval() {
    return interval.multipliedBy(3).plus(skewTime());
  }

  /** Skew_Time = (256 − priority) / 256 × interval (v2's interval is whole seconds, so the same formula). */
  public Duration skewTime() {
    return interval.multipliedBy(256 - priority).dividedBy(256);
  }

  /** The address part of each VIP, without its prefix length. */
  public List<String> vipAddresses() {
    return vips.stream().map(v -> v.replaceFirst("/.*", "")).toList();
  }

  /**
   * The instance as a keepalived {@code vrrp_instance} on {@code self}; {@code nodes} are the
   * segment's VRRP nodes, of which a unicast instance's peers are all but {@code self}.
   */
  String keepalivedBlock(LabNode self, List<LabNode> nodes) {
    StringBuilder b = new StringBuilder("vrrp_instance ").append(name).append(" {\n");
    settings(self, nodes).forEach(setting -> b.append("    ").append(setting.keepalived()).append('\n'));
    return b.append("}\n").toString();
  }

  /** The instance as a tandem HOCON instance on {@code self}, like {@link #keepalivedBlock}. */
  String hoconBlock(LabNode self, List<LabNode> nodes) {
    StringBuilder b = new StringBuilder("    ").append(name).append(" {\n");
    settings(self, nodes).forEach(setting -> b.append("      ").append(setting.hocon()).append('\n'));
    return b.append("    }\n").toString();
  }

  /** Every setting of the instance on {@code self}, each as keepalived and as tandem spell it. */
  private List<Setting> settings(LabNode self, List<LabNode> nodes) {
    String state = startAsMaster ? "MASTER" : "BACKUP";
    List<Setting> settings = new ArrayList<>(List.of(
        new Setting("state " + state, "state = " + state),
        new Setting("interface " + LabNode.INTERFACE, "interface = " + LabNode.INTERFACE),
        new Setting("virtual_router_id " + vrid, "virtual-router-id = " + vrid),
        new Setting("priority " + priority, "priority = " + priority),
        new Setting("version " + version, "version = " + version),
        new Setting("advert_int " + seconds(interval), "advert-interval = " + interval.toMillis() + "ms"),
        new Setting(preempt ? "preempt" : "nopreempt", "preempt = " + preempt)));
    if (!password.isEmpty()) {
      settings.add(new Setting("authentication {\n        auth_type PASS\n        auth_pass " + password + "\n    }",
          "authentication { type = PASS, password = \"" + password + "\" }"));
    }
    if (unicast) {
      List<String> peers = nodes.stream().filter(n -> !n.equals(self)).map(LabNode::address).toList();
      settings.add(new Setting("unicast_src_ip " + self.address(), "unicast-source = \"" + self.address() + "\""));
      settings.add(Setting.list("unicast_peer", "unicast-peers", peers));
    }
    if (!trackInterfaces.isEmpty()) {
      settings.add(new Setting(
          "track_interface {\n" + trackInterfaces.stream()
              .map(t -> "        " + t.name() + " weight " + t.weight() + "\n").collect(Collectors.joining()) + "    }",
          "track-interfaces = [" + trackInterfaces.stream()
              .map(t -> "{ name = " + t.name() + ", weight = " + t.weight() + " }").collect(Collectors.joining(", ")) + "]"));
    }
    if (!checks.isEmpty()) {
      settings.add(Setting.list("track_script", "track-scripts", checks.stream().map(LabCheck::name).toList()));
    }
    settings.add(Setting.list("virtual_ipaddress", "virtual-addresses", vips));
    return settings;
  }

  private record Setting(String keepalived, String hocon) {
    /** A list: a keepalived block with one item a line, a HOCON array of strings. */
    static Setting list(String keepalivedKeyword, String hoconKey, List<String> items) {
      return new Setting(
          keepalivedKeyword + " {\n" + items.stream().map(i -> "        " + i + "\n").collect(Collectors.joining()) + "    }",
          hoconKey + " = [" + items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(", ")) + "]");
    }
  }

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
  }
}
