package dev.tandem.config;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads one entry of tandem.instances, merged over instance-defaults. */
final class InstanceSection {
  /** keepalived sends the first 8 characters of a PASS password (RFC 3768's field is 8 bytes). */
  static final int PASSWORD_LENGTH = 8;
  private static final Duration MAX_DELAY = Duration.ofDays(1);

  private InstanceSection() {}

  static InstanceConfig read(String name, SettingReader instance, Map<String, ScriptConfig> scripts,
      HostFacts host, KnownKeys knownKeys) {
    InitialState state = instance.enumeration("state", InitialState.class).orElse(InitialState.BACKUP);
    String interfaceName = readInterface(instance, host);
    int virtualRouterId = instance.require("virtual-router-id")
        ? instance.integer("virtual-router-id", 1, 255).orElse(0) : 0;
    // keepalived: a MASTER without a priority is the address owner, 255.
    int priority = instance.has("priority")
        ? instance.integer("priority", 1, 255).orElse(0)
        : state == InitialState.MASTER ? 255 : 100;
    int version = instance.integer("version", 2, 3).orElse(2);
    SettingReader authentication = instance.nested("authentication");
    AuthType authType = authentication.enumeration("type", AuthType.class).orElse(AuthType.NONE);
    List<Inet4Address> unicastPeers = readPeers(instance);
    return new InstanceConfig(
        name,
        state,
        interfaceName,
        virtualRouterId,
        priority,
        readAdvertInterval(instance, version),
        version,
        readPreempt(instance, state),
        instance.duration("preempt-delay", Duration.ZERO, Duration.ofSeconds(1000)).orElse(Duration.ZERO),
        authType,
        readPassword(authentication, authType, version),
        VirtualAddresses.read(instance, knownKeys),
        instance.enumeration("v3-checksum", ChecksumMode.class).orElse(ChecksumMode.WITH_PSEUDO_HEADER),
        readGarp(instance.nested("garp")),
        instance.string("unicast-source").flatMap(text -> address(instance, "unicast-source", text, instance.origin("unicast-source"))),
        unicastPeers,
        readTrackScripts(instance, scripts, knownKeys),
        WeightedName.read(instance, "track-interfaces", knownKeys).stream()
            .map(track -> new TrackInterface(track.name(), track.weight().orElse(0)))
            .collect(Collectors.toList()),
        instance.bool("dont-track-primary").orElse(false),
        readNotify(instance.nested("notify")),
        readSplitBrain(instance, unicastPeers),
        instance.objectOrigin());
  }

  private static String readInterface(SettingReader instance, HostFacts host) {
    if (!instance.require("interface")) {
      return "";
    }
    String name = instance.nonEmptyString("interface").orElse("");
    if (!name.isEmpty() && !host.interfaces().isEmpty() && !host.interfaces().contains(name)) {
      String message = "interface `" + name + "` does not exist on this host (it has: "
          + host.interfaces().stream().sorted().collect(Collectors.joining(", ")) + ")";
      if (host.missingInterfaceIsError()) {
        instance.error("interface", message);
      } else {
        instance.warning("interface", message);
      }
    }
    return name;
  }

  private static Duration readAdvertInterval(SettingReader instance, int version) {
    String key = "advert-interval";
    if (version == 2) {
      Optional<Duration> interval = instance.duration(key, Duration.ofSeconds(1), Duration.ofSeconds(255));
      if (interval.isPresent() && interval.get().toNanos() % 1_000_000_000L != 0) {
        instance.error(key, "must be whole seconds with version = 2, got " + SettingReader.seconds(interval.get()));
      }
      return interval.orElse(Duration.ofSeconds(1));
    }
    Optional<Duration> interval = instance.duration(key, Duration.ofMillis(10), Duration.ofMillis(40_950));
    if (interval.isPresent() && interval.get().toNanos() % 10_000_000L != 0) {
      instance.error(key, "must be a multiple of 10ms with version = 3, got " + SettingReader.seconds(interval.get()));
    }
    return interval.orElse(Duration.ofSeconds(1));
  }

  private static boolean readPreempt(SettingReader instance, InitialState state) {
    boolean preempt = instance.bool("preempt").orElse(true);
    if (!preempt && state == InitialState.MASTER) {
      instance.warning("preempt", "preempt = false (nopreempt) needs state = BACKUP; with state = MASTER keepalived "
          + "clears it, and so does tandem: this instance preempts");
      return true;
    }
    return preempt;
  }

  private static String readPassword(SettingReader authentication, AuthType type, int version) {
    String password = authentication.string("password").orElse("");
    if (type != AuthType.PASS) {
      return password;
    }
    if (version == 3) {
      authentication.error("type", "PASS authentication exists only in VRRPv2; VRRPv3 has none (use type = NONE or version = 2)");
    }
    if (password.isEmpty()) {
      authentication.error("password", "must not be empty with type = PASS");
    } else if (password.length() > PASSWORD_LENGTH) {
      authentication.warning("password", "is longer than " + PASSWORD_LENGTH + " characters; like keepalived, tandem "
          + "truncates it to \"" + password.substring(0, PASSWORD_LENGTH) + "\"");
      return password.substring(0, PASSWORD_LENGTH);
    }
    return password;
  }

  private static GarpConfig readGarp(SettingReader garp) {
    return new GarpConfig(
        garp.duration("master-delay", Duration.ZERO, MAX_DELAY).orElse(Duration.ZERO),
        garp.integer("master-repeat", 1, 1000).orElse(1),
        garp.duration("master-refresh", Duration.ZERO, MAX_DELAY).orElse(Duration.ZERO),
        garp.integer("refresh-repeat", 1, 1000).orElse(1));
  }

  private static List<Inet4Address> readPeers(SettingReader instance) {
    return readAddresses(instance, "unicast-peers");
  }

  private static List<Inet4Address> readAddresses(SettingReader reader, String key) {
    List<Inet4Address> addresses = new ArrayList<>();
    reader.list(key).ifPresent(items -> items.forEach(item -> {
      Origin origin = Origins.of(item.origin(), reader.unnamed());
      address(reader, key, String.valueOf(item.unwrapped()), origin).ifPresent(addresses::add);
    }));
    return addresses;
  }

  /** Disabled unless asked for; its peers default to the unicast peers, and it needs at least one. */
  private static Optional<SplitBrainConfig> readSplitBrain(SettingReader instance, List<Inet4Address> unicastPeers) {
    SettingReader splitBrain = instance.nested("split-brain");
    boolean enabled = splitBrain.bool("enabled").orElse(false);
    List<Inet4Address> listed = readAddresses(splitBrain, "peers");
    Duration interval = splitBrain.duration("interval", Duration.ofMillis(100), Duration.ofSeconds(60))
        .orElse(Duration.ofSeconds(1));
    SplitBrainAction action = splitBrain.enumeration("action", SplitBrainAction.class).orElse(SplitBrainAction.YIELD);
    if (!enabled) {
      return Optional.empty();
    }
    List<Inet4Address> peers = listed.isEmpty() ? unicastPeers : listed;
    if (peers.isEmpty()) {
      splitBrain.error("enabled", "split-brain detection needs the peer's address: set split-brain.peers"
          + " (its default is unicast-peers, which is empty)");
    }
    return Optional.of(new SplitBrainConfig(peers, interval, action));
  }

  private static Optional<Inet4Address> address(SettingReader instance, String key, String text, Origin origin) {
    Optional<Inet4Address> address = Ipv4.parse(text.trim());
    if (address.isEmpty()) {
      instance.problemAt(origin, key, Ipv4.looksLikeIpv6(text)
          ? "IPv6 addresses are not supported yet: " + text
          : "expected an IPv4 address, got \"" + text + "\"");
    }
    return address;
  }

  private static List<TrackScriptRef> readTrackScripts(SettingReader instance, Map<String, ScriptConfig> scripts,
      KnownKeys knownKeys) {
    String key = "track-scripts";
    List<TrackScriptRef> refs = new ArrayList<>();
    for (WeightedName track : WeightedName.read(instance, key, knownKeys)) {
      // keepalived's own words in both cases; the instance runs without that reference.
      if (!scripts.containsKey(track.name())) {
        instance.problems().warning(track.origin(), instance.key(key), "track script " + track.name() + " not found, ignoring");
      } else if (refs.stream().anyMatch(ref -> ref.name().equals(track.name()))) {
        instance.problems().warning(track.origin(), instance.key(key), "duplicate track_script " + track.name() + " - ignoring");
      } else {
        refs.add(new TrackScriptRef(track.name(), track.weight(), track.origin()));
      }
    }
    return refs;
  }

  private static NotifyConfig readNotify(SettingReader notify) {
    return new NotifyConfig(
        notify.commandLine("master"),
        notify.commandLine("backup"),
        notify.commandLine("fault"),
        notify.commandLine("stop"),
        notify.commandLine("generic"),
        notify.nonEmptyString("fifo"));
  }
}
