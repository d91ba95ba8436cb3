package dev.tandem.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a reload would do to the running configuration. Instances are matched by name and compared
 * by every setting they run with (their own, the scripts they track, the script user those run as)
 * but not by where the settings were written: a line added above an instance moves its origins,
 * and restarting a Master for that would be a switchover for nothing (keepalived issues #754, #2159).
 * {@code refusals} name the settings that cannot change without a restart of the process (those
 * read once, at start: a reload that took them would leave the running instances on the old values
 * and the new ones on the new); when there are any, nothing is reloaded.
 */
public record ConfigDiff(
    List<String> refusals,
    List<String> unchanged,
    List<InstanceConfig> restarted,
    List<InstanceConfig> added,
    List<InstanceConfig> removed) {

  private static final Origin ANYWHERE = new Origin("", 0);

  /** The global settings read at start, by key; script-user is compared per instance instead. */
  private static final Map<String, Function<GlobalConfig, Object>> GLOBALS_READ_AT_START = globalsReadAtStart();

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
    GLOBALS_READ_AT_START.forEach((key, setting) ->
        refuseChange(refusals, key, setting.apply(running.global()), setting.apply(next.global())));
    refuseChange(refusals, "tandem.journal.dir", running.journal().dir(), next.journal().dir());
    refuseChange(refusals, "tandem.fleet", !running.fleet().equals(next.fleet()));
    refuseChange(refusals, "tandem.status", !running.status().equals(next.status()));
    refuseChange(refusals, "tandem.sync-groups", !groups(running).equals(groups(next)));
    return List.copyOf(refusals);
  }

  /** For settings whose values say little in one line (or would show a password). */
  private static void refuseChange(List<String> refusals, String key, boolean changed) {
    if (changed) {
      refusals.add(key + " cannot be changed by a reload: restart tandem to change it");
    }
  }

  private static void refuseChange(List<String> refusals, String key, Object running, Object next) {
    if (!running.equals(next)) {
      refusals.add(key + " cannot be changed by a reload (running " + shown(running) + ", new " + shown(next)
          + "): restart tandem to change it");
    }
  }

  private static Object shown(Object value) {
    return value instanceof Optional<?> optional ? optional.map(Object.class::cast).orElse("none") : value;
  }

  private static Map<String, Function<GlobalConfig, Object>> globalsReadAtStart() {
    Map<String, Function<GlobalConfig, Object>> keys = new LinkedHashMap<>();
    keys.put("tandem.global.node-id", GlobalConfig::nodeId);
    // As written: one that follows the node id changes with it, which is refused by that key.
    keys.put("tandem.global.router-id", g -> g.routerId().equals(g.nodeId()) ? "the node id" : g.routerId());
    keys.put("tandem.global.notification-email", GlobalConfig::notificationEmail);
    keys.put("tandem.global.notification-email-from", GlobalConfig::notificationEmailFrom);
    keys.put("tandem.global.smtp-server", GlobalConfig::smtpServer);
    keys.put("tandem.global.smtp-connect-timeout", GlobalConfig::smtpConnectTimeout);
    keys.put("tandem.global.smtp-alert", GlobalConfig::smtpAlert);
    keys.put("tandem.global.enable-script-security", GlobalConfig::enableScriptSecurity);
    keys.put("tandem.global.handover-on-stop", GlobalConfig::handoverOnStop);
    keys.put("tandem.global.vrrp-rt-priority", GlobalConfig::vrrpRtPriority);
    return keys;
  }

  /** Each sync group's members by its name, wherever and in whichever order they were written. */
  private static Map<String, Set<String>> groups(ControllerConfig config) {
    return config.syncGroups().stream().collect(Collectors.toMap(SyncGroupConfig::name, g -> Set.copyOf(g.instances())));
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
