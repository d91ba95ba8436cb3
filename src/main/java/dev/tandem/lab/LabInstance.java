package dev.tandem.lab;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * One VRRP instance as the lab configures it on a node, written out either as a keepalived
 * {@code vrrp_instance} or as a tandem HOCON instance, so both daemons get the same settings.
 * {@code password} empty means no authentication; {@code vips} are "192.0.2.100/24"-style.
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
    List<String> vips) {

  public LabInstance {
    vips = List.copyOf(vips);
  }

  /** VRRPv2 at 1 s with PASS authentication, starting as MASTER, preempting: the seeds' usual instance. */
  public static LabInstance v2(String name, int vrid, int priority, String vip) {
    return new LabInstance(name, vrid, priority, true, 2, Duration.ofSeconds(1), true, "1111", List.of(vip));
  }

  /** VRRPv3 at 0.1 s without authentication, starting as MASTER, preempting. */
  public static LabInstance v3(String name, int vrid, int priority, String vip) {
    return new LabInstance(name, vrid, priority, true, 3, Duration.ofMillis(100), true, "", List.of(vip));
  }

  public LabInstance withPriority(int newPriority) {
    return new LabInstance(name, vrid, newPriority, startAsMaster, version, interval, preempt, password, vips);
  }

  /** state BACKUP and nopreempt, as keepalived requires for nopreempt to take effect. */
  public LabInstance nopreempt() {
    return new LabInstance(name, vrid, priority, false, version, interval, false, password, vips);
  }

  public LabInstance startingAsBackup() {
    return new LabInstance(name, vrid, priority, false, version, interval, preempt, password, vips);
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

  String keepalivedBlock() {
    StringBuilder b = new StringBuilder("vrrp_instance ").append(name).append(" {\n");
    scalars().forEach(setting -> b.append("    ").append(setting.keepalived()).append('\n'));
    if (!preempt) {
      b.append("    nopreempt\n");
    }
    if (!password.isEmpty()) {
      b.append("    authentication {\n        auth_type PASS\n        auth_pass ").append(password).append("\n    }\n");
    }
    b.append("    virtual_ipaddress {\n");
    vips.forEach(vip -> b.append("        ").append(vip).append('\n'));
    return b.append("    }\n}\n").toString();
  }

  String hoconBlock() {
    StringBuilder b = new StringBuilder("    ").append(name).append(" {\n");
    scalars().forEach(setting -> b.append("      ").append(setting.hocon()).append('\n'));
    b.append("      preempt = ").append(preempt).append('\n');
    if (!password.isEmpty()) {
      b.append("      authentication { type = PASS, password = \"").append(password).append("\" }\n");
    }
    b.append("      virtual-addresses = [")
        .append(String.join(", ", vips.stream().map(v -> "\"" + v + "\"").toList()));
    return b.append("]\n    }\n").toString();
  }

  /** The one-value settings, each as keepalived and as tandem spell it. */
  private List<Setting> scalars() {
    String state = startAsMaster ? "MASTER" : "BACKUP";
    return List.of(
        new Setting("state " + state, "state = " + state),
        new Setting("interface " + LabNode.INTERFACE, "interface = " + LabNode.INTERFACE),
        new Setting("virtual_router_id " + vrid, "virtual-router-id = " + vrid),
        new Setting("priority " + priority, "priority = " + priority),
        new Setting("version " + version, "version = " + version),
        new Setting("advert_int " + seconds(interval), "advert-interval = " + interval.toMillis() + "ms"));
  }

  private record Setting(String keepalived, String hocon) {}

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
  }
}
