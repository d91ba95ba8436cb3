package dev.tandem.instance;

import dev.tandem.config.AuthType;
import dev.tandem.config.ChecksumMode;
import dev.tandem.config.GarpConfig;
import dev.tandem.config.InitialState;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.NotifyConfig;
import dev.tandem.config.Origin;
import dev.tandem.config.VirtualAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Instance configs for actor tests: seed 000's VI_1 (VRID 51, PASS 1111, 1 s adverts) with a chosen priority. */
final class TestInstances {
  private TestInstances() {}

  static InstanceConfig vi1(int priority, boolean preempt) {
    return vi1(priority, preempt, new GarpConfig(Duration.ofSeconds(5), 5, Duration.ZERO, 1));
  }

  static InstanceConfig vi1(int priority, boolean preempt, GarpConfig garp) {
    return vi1(priority, preempt, garp, NotifyConfig.none());
  }

  static InstanceConfig vi1(int priority, boolean preempt, GarpConfig garp, NotifyConfig notify) {
    return new InstanceConfig("VI_1", InitialState.BACKUP, "eth0", 51, priority, Duration.ofSeconds(1), 2, preempt,
        Duration.ZERO, AuthType.PASS, "1111",
        List.of(new VirtualAddress(ip("192.0.2.100"), 24, Optional.empty(), Optional.empty())),
        ChecksumMode.WITH_PSEUDO_HEADER, garp,
        Optional.empty(), List.of(), List.of(), List.of(), false, notify, new Origin("test", 0));
  }

  static Inet4Address ip(String dotted) {
    try {
      return (Inet4Address) InetAddress.getByName(dotted);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(dotted, e);
    }
  }
}
