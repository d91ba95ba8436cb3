package dev.tandem.config;

import java.util.Set;

/**
 * What validation needs to know about the host, gathered by the caller so that loading stays free
 * of network look-ups: its interface names, and whether a missing one is an error (run, check
 * --strict) or a warning (check: configs are often checked on another machine).
 */
public record HostFacts(Set<String> interfaces, boolean missingInterfaceIsError) {}
