package dev.tandem.config;

import java.util.List;
import java.util.Map;

/** Everything one controller process runs, validated and immutable. */
public record ControllerConfig(
    GlobalConfig global,
    JournalConfig journal,
    Map<String, ScriptConfig> scripts,
    List<InstanceConfig> instances) {}
