package dev.tandem.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one controller process runs, validated and immutable. {@code fleet} is empty when no
 * fleet journal is configured; {@code syncGroups} are the vrrp_sync_groups, each naming instances
 * of {@code instances}.
 */
public record ControllerConfig(
    GlobalConfig global,
    JournalConfig journal,
    Optional<FleetConfig> fleet,
    StatusConfig status,
    Map<String, ScriptConfig> scripts,
    List<InstanceConfig> instances,
    List<SyncGroupConfig> syncGroups) {}
