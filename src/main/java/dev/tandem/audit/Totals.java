package dev.tandem.audit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One instance's sums over the audited window: time as Master per node, failover episodes, the
 * episode with the longest gap, and how many events of each kind the analysis only lists.
 */
public record Totals(
    String instance,
    Map<String, Duration> timeAsMaster,
    int failovers,
    Optional<Episode> longestGap,
    Map<String, Long> otherKinds) {}
