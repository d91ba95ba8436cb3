package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.net.AddressTable;
import dev.tandem.net.LinkHub;
import dev.tandem.net.ScriptRunner;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * What one instance is connected to: its config, this node's id (for the persistence id), the hub
 * of its interface, the host's address table, the wall clock for journaled facts and the
 * monotonic clock the RFC machine measures with, and what runs its notify scripts.
 */
public record InstanceWiring(
    InstanceConfig config, String node, LinkHub hub, AddressTable addresses, Clock clock, LongSupplier nanoTime,
    ScriptRunner scripts) {}
