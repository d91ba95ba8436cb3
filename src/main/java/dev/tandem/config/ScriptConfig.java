package dev.tandem.config;

import java.time.Duration;
import java.util.Optional;

/** A vrrp_script: a command run every {@code interval}, healthy when it exits 0. */
public record ScriptConfig(
    String name,
    String script,
    Duration interval,
    Duration timeout,
    int weight,
    int rise,
    int fall,
    Optional<String> user,
    Origin origin) {}
