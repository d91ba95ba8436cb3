package dev.tandem.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Typed reads of one HOCON object (a section, a script, an instance merged over its defaults),
 * naming every problem by its full key path and origin. A read returns empty when the key is
 * absent or its value is wrong; in the latter case the problem is recorded, so callers may fill
 * in a placeholder: a config with any error is discarded.
 */
final class SettingReader {
  private final Config config;
  private final Config own;
  private final String path;
  private final Origin objectOrigin;
  private final String unnamed;
  private final Problems problems;

  /**
   * {@code config} is the object merged over its defaults; {@code own} is what the user wrote for
   * it (empty when nothing), whose origins name the lines: merged objects lose theirs.
   */
  SettingReader(Config config, Config own, String path, Origin objectOrigin, String unnamed, Problems problems) {
    this.config = config;
    this.own = own;
    this.path = path;
    this.objectOrigin = objectOrigin;
    this.unnamed = unnamed;
    this.problems = problems;
  }

  String key(String name) {
    return path + "." + name;
  }

  /** Where the value was set; a default from reference.conf is blamed on the object that took it. */
  Origin origin(String name) {
    if (own.hasPathOrNull(name)) {
      return Origins.of(own.getValue(name).origin(), unnamed);
    }
    if (!config.hasPathOrNull(name) || config.getValue(name).origin().resource() != null) {
      return objectOrigin;
    }
    return Origins.of(config.getValue(name).origin(), unnamed);
  }

  Origin objectOrigin() {
    return objectOrigin;
  }

  String unnamed() {
    return unnamed;
  }

  void error(String name, String message) {
    problems.error(origin(name), key(name), message);
  }

  /** An error about an element of the list at {@code name}, which has its own origin. */
  void problemAt(Origin origin, String name, String message) {
    problems.error(origin, key(name), message);
  }

  Problems problems() {
    return problems;
  }

  void warning(String name, String message) {
    problems.warning(origin(name), key(name), message);
  }

  boolean has(String name) {
    return config.hasPath(name);
  }

  /** Absent (or null) is an error. */
  boolean require(String name) {
    if (!has(name)) {
      problems.error(objectOrigin, key(name), "missing required key `" + name + "`");
      return false;
    }
    return true;
  }

  Optional<String> string(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    ConfigValue value = config.getValue(name);
    if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
      error(name, "expected a string, got " + describe(value));
      return Optional.empty();
    }
    return Optional.of(String.valueOf(value.unwrapped()));
  }

  /** A string that, when present, must not be empty. */
  Optional<String> nonEmptyString(String name) {
    Optional<String> text = string(name);
    if (text.isPresent() && text.get().isBlank()) {
      error(name, "must not be empty");
      return Optional.empty();
    }
    return text;
  }

  /** A command line, split as keepalived splits it: an unclosed quote is an error (keepalived ignores the script). */
  Optional<String> commandLine(String name) {
    Optional<String> line = nonEmptyString(name);
    if (line.isPresent() && CommandWords.split(line.get()).isEmpty()) {
      error(name, "cannot split into words (an unclosed quote, or a backslash at the end): " + line.get());
      return Optional.empty();
    }
    return line;
  }

  Optional<Integer> integer(String name, int min, int max) {
    if (!has(name)) {
      return Optional.empty();
    }
    ConfigValue value = config.getValue(name);
    Optional<BigDecimal> number = number(value);
    if (number.isEmpty() || number.get().stripTrailingZeros().scale() > 0) {
      error(name, "expected a whole number, got " + describe(value));
      return Optional.empty();
    }
    if (number.get().compareTo(BigDecimal.valueOf(min)) < 0 || number.get().compareTo(BigDecimal.valueOf(max)) > 0) {
      String range = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
      error(name, "must be " + range + ", got " + number.get().toPlainString());
      return Optional.empty();
    }
    return Optional.of(number.get().intValueExact());
  }

  Optional<Boolean> bool(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    try {
      return Optional.of(config.getBoolean(name));
    } catch (ConfigException.WrongType e) {
      error(name, "expected true or false, got " + describe(config.getValue(name)));
      return Optional.empty();
    }
  }

  /** HOCON units ("2s", "500ms"), or a bare number meaning seconds as in keepalived. */
  Optional<Duration> duration(String name, Duration min, Duration max) {
    if (!has(name)) {
      return Optional.empty();
    }
    ConfigValue value = config.getValue(name);
    Optional<Duration> duration = toDuration(name, value);
    if (duration.isEmpty()) {
      error(name, "expected a duration such as 1s or 500ms, got " + describe(value));
      return Optional.empty();
    }
    if (duration.get().compareTo(min) < 0 || duration.get().compareTo(max) > 0) {
      error(name, "must be between " + seconds(min) + " and " + seconds(max) + ", got " + seconds(duration.get()));
      return Optional.empty();
    }
    return duration;
  }

  /** Case-insensitive, with '-' for '_': "with-pseudo-header" reads as WITH_PSEUDO_HEADER. */
  <E extends Enum<E>> Optional<E> enumeration(String name, Class<E> type) {
    Optional<String> text = string(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String wanted = text.get().trim().replace('-', '_').toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return Optional.of(constant);
      }
    }
    String allowed = Arrays.stream(type.getEnumConstants()).map(SettingReader::spelling).collect(Collectors.joining(", "));
    error(name, "must be one of " + allowed + ", got \"" + text.get() + "\"");
    return Optional.empty();
  }

  Optional<ConfigList> list(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    ConfigValue value = config.getValue(name);
    if (value.valueType() != ConfigValueType.LIST) {
      error(name, "expected a list, got " + describe(value));
      return Optional.empty();
    }
    return Optional.of((ConfigList) value);
  }

  /** The strings of a list; anything else in it is an error. */
  List<String> stringList(String name) {
    return list(name).map(items -> items.stream()
        .filter(item -> {
          boolean scalar = item.valueType() == ConfigValueType.STRING;
          if (!scalar) {
            problems.error(Origins.of(item.origin(), unnamed), key(name), "expected a string, got " + describe(item));
          }
          return scalar;
        })
        .map(item -> (String) item.unwrapped())
        .collect(Collectors.toList())).orElse(List.of());
  }

  /** A reader for an object nested under this one (authentication, garp, notify, a list element). */
  SettingReader nested(String name) {
    return nested(name, ConfigFactory.empty());
  }

  /** As {@link #nested(String)}, the object merged over {@code defaults} (a built-in check's). */
  SettingReader nested(String name, Config defaults) {
    return new SettingReader(objectAt(name).withFallback(defaults), ownObject(own, name), key(name), origin(name),
        unnamed, problems);
  }

  /** The object at {@code name}; anything else there is an error and reads as an empty object. */
  Config objectAt(String name) {
    boolean isObject = has(name) && config.getValue(name).valueType() == ConfigValueType.OBJECT;
    if (has(name) && !isObject) {
      error(name, "expected an object, got " + describe(config.getValue(name)));
    }
    return isObject ? config.getConfig(name) : ConfigFactory.empty();
  }

  /** The object the user wrote at {@code path} of {@code config}, or an empty one. */
  static Config ownObject(Config config, String path) {
    return config.hasPath(path) && config.getValue(path).valueType() == ConfigValueType.OBJECT
        ? config.getConfig(path) : ConfigFactory.empty();
  }

  static String describe(ConfigValue value) {
    switch (value.valueType()) {
      case OBJECT: return "an object";
      case LIST: return "a list";
      case NULL: return "null";
      case STRING: return "\"" + value.unwrapped() + "\"";
      default: return String.valueOf(value.unwrapped());
    }
  }

  static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
  }

  /** As reference.conf writes them: one word in capitals (BACKUP), several hyphenated (with-pseudo-header). */
  private static String spelling(Enum<?> constant) {
    String name = constant.name();
    return name.contains("_") ? name.toLowerCase(Locale.ROOT).replace('_', '-') : name;
  }

  private static Optional<BigDecimal> number(ConfigValue value) {
    Object raw = value.unwrapped();
    if (raw instanceof Number) {
      return Optional.of(new BigDecimal(raw.toString()));
    }
    if (raw instanceof String) {
      try {
        return Optional.of(new BigDecimal(((String) raw).trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private Optional<Duration> toDuration(String name, ConfigValue value) {
    Optional<BigDecimal> number = number(value);
    if (number.isPresent()) {
      return Optional.of(Duration.ofNanos(number.get().movePointRight(9).longValue()));
    }
    if (value.valueType() != ConfigValueType.STRING) {
      return Optional.empty();
    }
    try {
      return Optional.of(config.getDuration(name));
    } catch (ConfigException.BadValue e) {
      return Optional.empty();
    }
  }
}
