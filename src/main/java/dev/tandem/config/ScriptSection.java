package dev.tandem.config;

import java.time.Duration;

/** Reads one entry of tandem.scripts, merged over script-defaults. */
final class ScriptSection {
  private static final Duration MAX_PERIOD = Duration.ofDays(1);

  private ScriptSection() {}

  static ScriptConfig read(String name, SettingReader script) {
    String command = script.require("script") ? script.commandLine("script").orElse("") : "";
    Duration interval = script.duration("interval", Duration.ofMillis(1), MAX_PERIOD).orElse(Duration.ofSeconds(1));
    // keepalived: the timeout defaults to the interval.
    Duration timeout = script.duration("timeout", Duration.ofMillis(1), MAX_PERIOD).orElse(interval);
    return new ScriptConfig(
        name,
        command,
        interval,
        timeout,
        script.integer("weight", -WeightedName.MAX_WEIGHT, WeightedName.MAX_WEIGHT).orElse(0),
        script.integer("rise", 1, Integer.MAX_VALUE).orElse(1),
        script.integer("fall", 1, Integer.MAX_VALUE).orElse(1),
        script.nonEmptyString("user"),
        script.objectOrigin());
  }
}
