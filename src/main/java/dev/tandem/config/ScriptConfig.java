package dev.tandem.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A tracked check (keepalived's vrrp_script, or a built-in check), run every {@code interval}.
 * {@code user} ("user" or "user group") runs a command line as that user.
 */
public record ScriptConfig(
    String name,
    CheckSpec check,
    Duration interval,
    Duration timeout,
    int weight,
    int rise,
    int fall,
    Optional<String> user,
    Origin origin) {}
