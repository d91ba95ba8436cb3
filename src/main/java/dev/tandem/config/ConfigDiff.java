package dev.tandem.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a reload would do to the running configuration. Instances are matched by name and compared
 * by every setting they run with (their own, the scripts they track, the script user those run as)
 * but not by where the settings were written: a line added above an instance moves its origins,
 * and restarting a Master for that would be a switchover for nothing (keepalived issues #754, #2159).
 * {@code refusals} name the settings that cannot change without a restart of the process; when
 * there are any, nothing is reloaded.
 */
public record ConfigDiff(
    List<String> refusals,
    List<String> unchanged,
    List<InstanceConfig> restarted,
    List<InstanceConfig> added,
    List<InstanceConfig> removed) {

  private static final Origin ANYWHERE = new Origin("", 0);

  /** What an instance runs with, origins left out. */
  private record Settings(InstanceConfig instance, List<Optional<ScriptConfig>> scripts, Optional<String> scriptUser) {}

  public static ConfigDiff between(ControllerConfig running, ControllerConfig next) {
    Map<String, InstanceConfig> before = byName(running);
    Map<String, InstanceConfig> after = byName(next);
    List<String> unchanged = new ArrayList<>();
    List<InstanceConfig> restarted = new ArrayList<>();
    List<InstanceConfig> added = new ArrayList<>();
    for (InstanceConfig instance : next.instances()) {
      InstanceConfig old = before.get(instance.name());
      if (old == null) {
        added.add(instance);
      } else if (settings(running, old).equals(settings(next, instance))) {
        unchanged.add(instance.name());
      } else {
        restarted.add(instance);
      }
    }
    List<InstanceConfig> removed = running.instances().stream().filter(i -> !after.containsKey(i.name())).toList();
    return new ConfigDiff(refusals(running, next), List.copyOf(unchanged), List.copyOf(restarted), List.copyOf(added),
        removed);
  }

  public boolean refused() {
    return !refusals.isEmpty();
  }

  /** {@code N unchanged, M restarted, K added, R removed}. */
  public String summary() {
    return unchanged.size() + " unchanged, " + restarted.size() + " restarted, " + added.size() + " added, "
        + removed.size() + " removed";
  }

  /** The node id names the journal's persistence ids, and the journal and fleet are opened once per process. */
  private static List<String> refusals(ControllerConfig running, ControllerConfig next) {
    List<String> refusals = new ArrayList<>();
    refuseChange(refusals, "tandem.global.node-id", running.global().nodeId(), next.global().nodeId());
    refuseChange(refusals, "tandem.journal.dir", running.journal().dir(), next.journal().dir());
    if (!running.fleet().equals(next.fleet())) {
      refusals.add("tandem.fleet cannot be changed by a reload: restart tandem to change it");
    }
    return List.copyOf(refusals);
  }

  private static void refuseChange(List<String> refusals, String key, Object running, Object next) {
    if (!running.equals(next)) {
      refusals.add(key + " cannot be changed by a reload (running " + running + ", new " + next
          + "): restart tandem to change it");
    }
  }

  private static Map<String, InstanceConfig> byName(ControllerConfig config) {
    return config.instances().stream().collect(Collectors.toMap(InstanceConfig::name, Function.identity()));
  }

  private static Settings settings(ControllerConfig config, InstanceConfig instance) {
    List<Optional<ScriptConfig>> scripts = instance.trackScripts().stream()
        .map(ref -> Optional.ofNullable(config.scripts().get(ref.name())).map(ConfigDiff::withoutOrigin))
        .toList();
    Optional<String> scriptUser = scripts.isEmpty() ? Optional.empty() : config.global().scriptUser();
    return new Settings(withoutOrigins(instance), scripts, scriptUser);
  }

  private static ScriptConfig withoutOrigin(ScriptConfig s) {
    return new ScriptConfig(s.name(), s.check(), s.interval(), s.timeout(), s.weight(), s.rise(), s.fall(), s.user(),
        ANYWHERE);
  }

  private static InstanceConfig withoutOrigins(InstanceConfig i) {
    return new InstanceConfig(i.name(), i.initialState(), i.interfaceName(), i.virtualRouterId(), i.priority(),
        i.advertInterval(), i.version(), i.preempt(), i.preemptDelay(), i.authType(), i.authPassword(),
        i.virtualAddresses(), i.checksumMode(), i.garp(), i.unicastSource(), i.unicastPeers(),
        i.trackScripts().stream().map(t -> new TrackScriptRef(t.name(), t.weight(), ANYWHERE)).toList(),
        i.trackInterfaces(), i.dontTrackPrimary(), i.notifications(), i.splitBrain(), ANYWHERE);
  }
}
