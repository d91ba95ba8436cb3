package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.config.ScriptConfig;
import dev.tandem.health.HealthCheck;
import dev.tandem.net.AddressTable;
import dev.tandem.net.InterfaceMonitor;
import dev.tandem.net.LinkHub;
import dev.tandem.health.ScriptRunner;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What one instance is connected to: its config, this node's id (for the persistence id), the hub
 * of its interface, the host's address table, the wall clock for journaled facts, the monotonic
 * clock the RFC machine measures with, the configured scripts (by name), how to build the check
 * each tracked one runs, what runs its notify scripts, the process's monitor of interface states
 * (one for all instances), the {@link SyncGroup} it is a member of (if any) and the alert emails to
 * send on its transitions (if smtp-alert asks for them).
 */
public record InstanceWiring(
    InstanceConfig config, String node, LinkHub hub, AddressTable addresses, Clock clock, LongSupplier nanoTime,
    Map<String, ScriptConfig> scripts, Function<ScriptConfig, HealthCheck> checks, ScriptRunner notifyRunner,
    InterfaceMonitor interfaces, Optional<ActorRef<SyncGroup.Command>> syncGroup, Optional<MailAlerts> mail) {}
