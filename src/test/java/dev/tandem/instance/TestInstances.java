package dev.tandem.instance;

import dev.tandem.config.AuthType;
import dev.tandem.config.CheckSpec;
import dev.tandem.config.ChecksumMode;
import dev.tandem.config.GarpConfig;
import dev.tandem.config.InitialState;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.NotifyConfig;
import dev.tandem.config.Origin;
import dev.tandem.config.ScriptConfig;
import dev.tandem.config.TrackInterface;
import dev.tandem.config.TrackScriptRef;
import dev.tandem.config.SplitBrainAction;
import dev.tandem.config.SplitBrainConfig;
import dev.tandem.config.VirtualAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Instance configs for actor tests: seed 000's VI_1 (VRID 51, PASS 1111, 1 s adverts) with a chosen
 * priority, and tracked scripts.
 */
final class TestInstances {
  private TestInstances() {}

  private static final GarpConfig KEEPALIVED_GARP = new GarpConfig(Duration.ofSeconds(5), 5, Duration.ZERO, 1);

  static InstanceConfig vi1(int priority, boolean preempt) {
    return vi1(priority, preempt, KEEPALIVED_GARP);
  }

  static InstanceConfig vi1(int priority, boolean preempt, GarpConfig garp) {
    return vi1(priority, preempt, garp, NotifyConfig.none());
  }

  static InstanceConfig vi1(int priority, boolean preempt, GarpConfig garp, NotifyConfig notify) {
    return vi1(priority, preempt, garp, List.of(), List.of(), List.of(), false, notify, Optional.empty());
  }

  /** VI_1 with preempt, tracking these scripts by name (their own weights). */
  static InstanceConfig vi1Tracking(int priority, String... scripts) {
    return vi1(priority, true, KEEPALIVED_GARP, List.of(), Stream.of(scripts)
        .map(name -> new TrackScriptRef(name, OptionalInt.empty(), new Origin("test", 0))).toList(), List.of(), false,
        NotifyConfig.none(), Optional.empty());
  }

  /** Multicast adverts, with a split-brain detector reporting to {@code peer} every second. */
  static InstanceConfig withSplitBrain(int priority, String peer, SplitBrainAction action) {
    return vi1(priority, true, KEEPALIVED_GARP, List.of(), List.of(), List.of(), false, NotifyConfig.none(),
        Optional.of(new SplitBrainConfig(List.of(ip(peer)), Duration.ofSeconds(1), action)));
  }

  static InstanceConfig unicast(int priority, List<Inet4Address> peers) {
    return vi1(priority, true, KEEPALIVED_GARP, peers, List.of(), List.of(), false, NotifyConfig.none(), Optional.empty());
  }

  /** VI_1 with preempt on eth0, tracking these interfaces besides its own unless {@code dontTrackPrimary}. */
  static InstanceConfig vi1TrackingInterfaces(int priority, List<TrackInterface> interfaces, boolean dontTrackPrimary) {
    return vi1(priority, true, KEEPALIVED_GARP, List.of(), List.of(), interfaces, dontTrackPrimary, NotifyConfig.none(),
        Optional.empty());
  }

  private static InstanceConfig vi1(int priority, boolean preempt, GarpConfig garp, List<Inet4Address> unicastPeers,
      List<TrackScriptRef> tracked, List<TrackInterface> interfaces, boolean dontTrackPrimary, NotifyConfig notify,
      Optional<SplitBrainConfig> splitBrain) {
    return instance("VI_1", 51, priority, "192.0.2.100", preempt, garp, unicastPeers, tracked, interfaces,
        dontTrackPrimary, notify, splitBrain, new Origin("test", 0));
  }

  /** Another instance on eth0 like VI_1 (with preempt), written at {@code origin}. */
  static InstanceConfig instance(String name, int vrid, int priority, String vip, Origin origin) {
    return instance(name, vrid, priority, vip, true, KEEPALIVED_GARP, List.of(), List.of(), List.of(), false,
        NotifyConfig.none(), Optional.empty(), origin);
  }

  private static InstanceConfig instance(String name, int vrid, int priority, String vip, boolean preempt,
      GarpConfig garp, List<Inet4Address> unicastPeers, List<TrackScriptRef> tracked, List<TrackInterface> interfaces,
      boolean dontTrackPrimary, NotifyConfig notify, Optional<SplitBrainConfig> splitBrain, Origin origin) {
    return new InstanceConfig(name, InitialState.BACKUP, "eth0", vrid, priority, Duration.ofSeconds(1), 2, preempt,
        Duration.ZERO, AuthType.PASS, "1111",
        List.of(new VirtualAddress(ip(vip), 24, Optional.empty(), Optional.empty())),
        ChecksumMode.WITH_PSEUDO_HEADER, garp,
        Optional.empty(), unicastPeers, tracked, interfaces, dontTrackPrimary, notify, splitBrain, origin);
  }

  /** {@code base} renamed as another instance of the node, with its own VRID and VIP. */
  static InstanceConfig renamed(InstanceConfig base, String name, int virtualRouterId, String vip) {
    return new InstanceConfig(name, base.initialState(), base.interfaceName(), virtualRouterId, base.priority(),
        base.advertInterval(), base.version(), base.preempt(), base.preemptDelay(), base.authType(), base.authPassword(),
        List.of(new VirtualAddress(ip(vip), 24, Optional.empty(), Optional.empty())), base.checksumMode(), base.garp(),
        base.unicastSource(), base.unicastPeers(), base.trackScripts(), base.trackInterfaces(), base.dontTrackPrimary(),
        base.notifications(), base.splitBrain(), base.origin());
  }

  /** A script run every second; {@code fall} and {@code rise} as given. */
  static ScriptConfig script(String name, int weight, int rise, int fall) {
    return new ScriptConfig(name, new CheckSpec.Script("/etc/keepalived/" + name + ".sh"), Duration.ofSeconds(1),
        Duration.ofSeconds(1), weight, rise, fall, Optional.empty(), new Origin("test", 0));
  }

  static Inet4Address ip(String dotted) {
    try {
      return (Inet4Address) InetAddress.getByName(dotted);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(dotted, e);
    }
  }
}
