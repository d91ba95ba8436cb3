package dev.tandem.config;

import java.util.Set;

/**
 * What validation needs to know about the host, gathered by the caller so that loading stays free
 * of network look-ups: its name (the node id when the config gives none), its interface names (an
 * empty set means "unknown host, don't check"), and whether a missing one is an error (run, check
 * --strict) or a warning (check: configs are often checked on another machine).
 */
public record HostFacts(String hostName, Set<String> interfaces, boolean missingInterfaceIsError) {}
