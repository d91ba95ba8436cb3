package dev.tandem.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rejects keys that reference.conf does not know, so that a typo is never silently ignored. The
 * schema is reference.conf itself; the named entries of `scripts` and `instances` follow
 * `script-defaults` (and `check-defaults` for their built-in checks), `instance-defaults` and
 * `sync-group-defaults`.
 */
final class KnownKeys {
  /** The schemas of named entries; a script's built-in checks (http, tcp, process) follow check-defaults. */
  private static final Map<String, List<String>> NAMED_ENTRY_SCHEMA =
      Map.of("scripts", List.of("check-defaults", "script-defaults"), "instances", List.of("instance-defaults"),
          "sync-groups", List.of("sync-group-defaults"));

  private final ConfigObject schemaRoot;
  private final String unnamed;
  private final Problems problems;

  KnownKeys(ConfigObject schemaRoot, String unnamed, Problems problems) {
    this.schemaRoot = schemaRoot;
    this.unnamed = unnamed;
    this.problems = problems;
  }

  /** Checks {@code user}, the user's object at {@code path}, against {@code schema}. */
  void check(ConfigObject user, ConfigObject schema, String path) {
    for (Map.Entry<String, ConfigValue> entry : user.entrySet()) {
      String key = entry.getKey();
      String keyPath = path + "." + key;
      ConfigValue known = schema.get(key);
      if (known == null) {
        reportUnknown(entry.getValue(), keyPath, key, schema.keySet());
      } else if (isObject(entry.getValue()) && NAMED_ENTRY_SCHEMA.containsKey(key) && schema == schemaRoot) {
        ConfigObject entrySchema = NAMED_ENTRY_SCHEMA.get(key).stream()
            .map(schemaKey -> (ConfigObject) schemaRoot.get(schemaKey))
            .reduce(ConfigObject::withFallback).orElseThrow();
        ((ConfigObject) entry.getValue()).forEach((name, value) -> {
          if (isObject(value)) {
            check((ConfigObject) value, entrySchema, keyPath + "." + name);
          }
        });
      } else if (isObject(entry.getValue()) && isObject(known)) {
        check((ConfigObject) entry.getValue(), (ConfigObject) known, keyPath);
      }
    }
  }

  /** Keys of an object that the schema does not describe, such as a list element {address, prefix}. */
  void check(ConfigObject user, Collection<String> knownKeys, String path) {
    user.forEach((key, value) -> {
      if (!knownKeys.contains(key)) {
        reportUnknown(value, path + "." + key, key, knownKeys);
      }
    });
  }

  private void reportUnknown(ConfigValue value, String keyPath, String key, Collection<String> knownKeys) {
    String hint = ClosestName.among(key, knownKeys)
        .map(name -> "did you mean `" + name + "`?")
        .orElseGet(() -> "known keys: " + knownKeys.stream().sorted().collect(Collectors.joining(", ")));
    problems.error(Origins.of(value.origin(), unnamed), keyPath, "unknown key `" + key + "`; " + hint);
  }

  private static boolean isObject(ConfigValue value) {
    return value.valueType() == ConfigValueType.OBJECT;
  }
}
