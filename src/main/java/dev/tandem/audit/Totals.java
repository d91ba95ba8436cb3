package dev.tandem.audit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One instance's sums over the audited window: time as Master per node, failover episodes, the
 * episode with the longest gap, and how many events of each kind the analysis only lists.
 * {@code masterUntilRestart} names the nodes whose time as Master is an upper bound: a run of theirs
 * crashed as Master and no takeover in the journals read says when it stopped, so it counts until
 * the restart.
 */
public record Totals(
    String instance,
    Map<String, Duration> timeAsMaster,
    Set<String> masterUntilRestart,
    int failovers,
    Optional<Episode> longestGap,
    Map<String, Long> otherKinds) {}
