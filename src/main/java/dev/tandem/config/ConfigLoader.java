package dev.tandem.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Loads a tandem HOCON configuration over reference.conf's defaults and validates all of it,
 * collecting every problem with its file, line and full key path. Never throws for bad input.
 */
public final class ConfigLoader {
  private static final String ROOT = "tandem";

  private ConfigLoader() {}

  /** Reads {@code file}; its includes resolve relative to it. */
  public static LoadResult load(Path file, HostFacts host) {
    try {
      Files.newInputStream(file).close();
    } catch (IOException e) {
      ConfigProblem unreadable = new ConfigProblem(ConfigProblem.Severity.ERROR, new Origin(file.toString(), 0), "(file)",
          Unreadable.message(file, e));
      return new LoadResult(Optional.empty(), List.of(unreadable));
    }
    ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF);
    return load(() -> ConfigFactory.parseFile(file.toFile(), options), file.toString(), host, true);
  }

  /**
   * Reads HOCON text, such as a converted keepalived.conf; {@code originName} names it in problems.
   * The scripts it names are not read: the importer has checked them against the original's lines.
   */
  public static LoadResult loadText(String hocon, String originName, HostFacts host) {
    ConfigParseOptions options = ConfigParseOptions.defaults().setOriginDescription(originName).setSyntax(ConfigSyntax.CONF);
    return load(() -> ConfigFactory.parseString(hocon, options), originName, host, false);
  }

  private static LoadResult load(Supplier<Config> parse, String name, HostFacts host, boolean readScripts) {
    Problems problems = new Problems();
    Optional<Config> user = parse(parse, name, problems);
    Optional<ControllerConfig> config = user.flatMap(own -> {
      ControllerConfig read = read(own, own.withFallback(ConfigFactory.defaultReference()), name, host, readScripts,
          problems);
      return problems.hasErrors() ? Optional.empty() : Optional.of(read);
    });
    return new LoadResult(config, problems.list());
  }

  /** The user's config, resolved and checked for unknown keys; empty after a syntax or resolution error. */
  private static Optional<Config> parse(Supplier<Config> parse, String name, Problems problems) {
    Config reference = ConfigFactory.defaultReference();
    try {
      Config user = parse.get().resolveWith(reference);
      ConfigValue userRoot = user.root().get(ROOT);
      if (userRoot != null && userRoot.valueType() != ConfigValueType.OBJECT) {
        problems.error(Origins.of(userRoot.origin(), name), ROOT, "expected an object, got " + SettingReader.describe(userRoot));
        return Optional.empty();
      }
      if (userRoot != null) {
        new KnownKeys(reference.getObject(ROOT), name, problems)
            .check((ConfigObject) userRoot, reference.getObject(ROOT), ROOT);
      }
      return Optional.of(user);
    } catch (ConfigException e) {
      problems.error(Origins.of(e.origin(), name), e instanceof ConfigException.IO ? "(file)" : "(syntax)", Origins.message(e));
      return Optional.empty();
    }
  }

  private static ControllerConfig read(Config user, Config all, String name, HostFacts host, boolean readScripts,
      Problems problems) {
    KnownKeys knownKeys = new KnownKeys(all.getObject(ROOT), name, problems);
    GlobalConfig global = GlobalSection.read(section(user, all, "global", name, problems), host);
    JournalConfig journal = GlobalSection.readJournal(section(user, all, "journal", name, problems));
    Optional<FleetConfig> fleet = FleetSection.read(section(user, all, "fleet", name, problems));
    StatusConfig status = StatusSection.read(section(user, all, "status", name, problems));

    Map<String, ScriptConfig> scripts = new LinkedHashMap<>();
    SettingReader checkDefaults = section(user, all, "check-defaults", name, problems);
    Map<String, SettingReader> scriptReaders = namedEntries(all, "scripts", "script-defaults", name, problems);
    scriptReaders.forEach((scriptName, script) ->
        scripts.put(scriptName, ScriptSection.read(scriptName, script, checkDefaults)));

    List<InstanceConfig> instances = new ArrayList<>();
    Map<String, String> groupOwners = new HashMap<>();
    Map<String, SettingReader> instanceReaders = namedEntries(all, "instances", "instance-defaults", name, problems);
    instanceReaders.forEach((instanceName, reader) -> {
      InstanceConfig instance = InstanceSection.read(instanceName, reader, scripts, host, knownKeys);
      instances.add(instance);
      String owner = groupOwners.putIfAbsent(instance.interfaceName() + " " + instance.virtualRouterId(), instanceName);
      if (owner != null && instance.virtualRouterId() > 0) {
        reader.error("virtual-router-id", "instances " + owner + " and " + instanceName + " both use virtual-router-id "
            + instance.virtualRouterId() + " on interface " + instance.interfaceName());
      }
    });
    if (readScripts) {
      scriptReaders.forEach((scriptName, reader) -> {
        if (scripts.get(scriptName).check() instanceof CheckSpec.Script script) {
          checkCommand(script.command(), reader, "script");
        }
      });
      instances.forEach(instance -> checkNotify(instance.notifications(), instanceReaders.get(instance.name())));
    }
    if (instanceReaders.isEmpty()) {
      problems.warning(new Origin(name, 0), ROOT + ".instances", "no instances configured: nothing to run");
    }
    List<SyncGroupConfig> syncGroups = SyncGroupSection.read(
        namedEntries(all, "sync-groups", "sync-group-defaults", name, problems), instanceReaders.keySet());
    return new ControllerConfig(global, journal, fleet, status, scripts, instances, syncGroups);
  }

  private static void checkNotify(NotifyConfig notify, SettingReader instance) {
    Map<String, Optional<String>> commands = new LinkedHashMap<>();
    commands.put("master", notify.master());
    commands.put("backup", notify.backup());
    commands.put("fault", notify.fault());
    commands.put("stop", notify.stop());
    commands.put("generic", notify.generic());
    if (commands.values().stream().anyMatch(Optional::isPresent)) {
      SettingReader reader = instance.nested("notify");
      commands.forEach((key, command) -> command.ifPresent(line -> checkCommand(line, reader, key)));
    }
  }

  private static void checkCommand(String commandLine, SettingReader reader, String key) {
    if (!commandLine.isEmpty()) {
      KeepalivedStopCheck.command(commandLine, reader.origin(key), reader.key(key), reader.problems());
    }
  }

  private static SettingReader section(Config user, Config all, String key, String name, Problems problems) {
    String path = ROOT + "." + key;
    Origin origin = user.hasPath(path) ? Origins.of(user.getValue(path).origin(), name) : new Origin(name, 0);
    return new SettingReader(object(all, path, name, problems), SettingReader.ownObject(user, path), path, origin,
        name, problems);
  }

  /** The object at {@code path}; when the user put something else there, an error and the defaults. */
  private static Config object(Config all, String path, String name, Problems problems) {
    ConfigValue value = all.getValue(path);
    if (value.valueType() == ConfigValueType.OBJECT) {
      return all.getConfig(path);
    }
    problems.error(Origins.of(value.origin(), name), path, "expected an object, got " + SettingReader.describe(value));
    return ConfigFactory.defaultReference().getConfig(path);
  }

  /**
   * The entries of a named map (scripts, instances) by name, each merged over its defaults, in file
   * order so that problems and instances come out as written.
   */
  private static Map<String, SettingReader> namedEntries(Config all, String key, String defaultsKey, String name,
      Problems problems) {
    String path = ROOT + "." + key;
    Config defaults = object(all, ROOT + "." + defaultsKey, name, problems);
    List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(object(all, path, name, problems).root().entrySet());
    entries.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
        .thenComparing(Map.Entry::getKey));
    Map<String, SettingReader> readers = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> entry : entries) {
      String entryPath = path + "." + entry.getKey();
      Origin origin = Origins.of(entry.getValue().origin(), name);
      if (entry.getValue().valueType() != ConfigValueType.OBJECT) {
        problems.error(origin, entryPath, "expected an object, got " + SettingReader.describe(entry.getValue()));
        continue;
      }
      Config merged = ((ConfigObject) entry.getValue()).toConfig().withFallback(defaults);
      Config own = ((ConfigObject) entry.getValue()).toConfig();
      readers.put(entry.getKey(), new SettingReader(merged, own, entryPath, origin, name, problems));
    }
    return readers;
  }
}
