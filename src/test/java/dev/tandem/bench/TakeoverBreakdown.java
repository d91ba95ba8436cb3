package dev.tandem.bench;

import static dev.tandem.bench.BenchInstances.millis;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a takeover's time goes, for a daemon that records its decisions: from the old master's
 * last advert on the wire to the backup hearing it (receive path), to its decision (the timer),
 * to its first advert on the wire (send path). The three add up to the handover gap.
 */
record TakeoverBreakdown(Metric receive, Metric timer, Metric send) {
  /** A decision belongs to the handover whose first advert is closest to it, within this. */
  private static final Duration MATCH_BOUND = Duration.ofMillis(500);

  void record(List<HandoverLab.Takeover> takeovers, List<TakeoverDecision> decisions, Daemon daemon, Results results) {
    for (HandoverLab.Takeover takeover : takeovers) {
      Instant firstOfNew = takeover.handover().firstOfNew().at();
      Optional<TakeoverDecision> decision = decisions.stream()
          .min(Comparator.comparing(d -> Duration.between(d.decided(), firstOfNew).abs()))
          .filter(d -> Duration.between(d.decided(), firstOfNew).abs().compareTo(MATCH_BOUND) < 0);
      decision.ifPresent(d -> {
        results.add(receive, daemon, millis(Duration.between(takeover.handover().lastOfOld().at(), d.lastHeard())));
        results.add(timer, daemon, millis(Duration.between(d.lastHeard(), d.decided())));
        results.add(send, daemon, millis(Duration.between(d.decided(), firstOfNew)));
      });
    }
  }
}
