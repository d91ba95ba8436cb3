package dev.tandem.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** An element of track-scripts or track-interfaces: a name, or {name, weight}. */
record WeightedName(String name, OptionalInt weight, Origin origin) {
  static final int MAX_WEIGHT = 253;
  private static final Set<String> OBJECT_KEYS = Set.of("name", "weight");

  static List<WeightedName> read(SettingReader instance, String key, KnownKeys knownKeys) {
    List<WeightedName> names = new ArrayList<>();
    instance.list(key).ifPresent(items -> {
      for (ConfigValue item : items) {
        Origin origin = Origins.of(item.origin(), instance.unnamed());
        if (item.valueType() == ConfigValueType.STRING && !((String) item.unwrapped()).isBlank()) {
          names.add(new WeightedName((String) item.unwrapped(), OptionalInt.empty(), origin));
        } else if (item.valueType() == ConfigValueType.OBJECT) {
          fromObject((ConfigObject) item, instance.key(key), origin, instance, knownKeys).ifPresent(names::add);
        } else {
          instance.problemAt(origin, key, "expected a name or {name, weight}, got " + SettingReader.describe(item));
        }
      }
    });
    return names;
  }

  private static Optional<WeightedName> fromObject(
      ConfigObject object, String path, Origin origin, SettingReader instance, KnownKeys knownKeys) {
    knownKeys.check(object, OBJECT_KEYS, path);
    SettingReader element = new SettingReader(object.toConfig(), object.toConfig(), path, origin, instance.unnamed(), instance.problems());
    if (!element.require("name")) {
      return Optional.empty();
    }
    Optional<String> name = element.nonEmptyString("name");
    boolean weightGiven = element.has("weight");
    Optional<Integer> weight = element.integer("weight", -MAX_WEIGHT, MAX_WEIGHT);
    if (name.isEmpty() || (weightGiven && weight.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new WeightedName(name.get(),
        weight.map(OptionalInt::of).orElse(OptionalInt.empty()), element.origin("name")));
  }
}
