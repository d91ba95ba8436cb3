package dev.tandem.instance;

import dev.tandem.vrrp.Health;

/** A check an instance tracks: its verdict so far and the weight it carries for this instance. */
public record ScriptStatus(String name, Health health, int weight) {}
