package dev.tandem.audit;

import dev.tandem.instance.Cause;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.InstanceStarted;
import dev.tandem.instance.InstanceStopped;
import dev.tandem.instance.StateChanged;
import dev.tandem.vrrp.VrrpState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The audit of one instance: fed its events from every node in time order, it reports the timeline,
 * failover episodes, crashes, flapping and totals to a {@link ReportSink}. Episodes follow
 * transitions only: a node leaving Master is paired with another node entering it, in either order
 * (a preempted or cut-off master journals its loss after the takeover). It keeps a few fields per
 * node and per open episode, never the events.
 */
public final class InstanceAnalysis {
  private final String instance;
  private final AuditFilter filter;
  private final FlapRule flapRule;
  private final ReportSink sink;
  private final Map<String, NodeTrack> nodes = new TreeMap<>();
  /** Losses of Master that no takeover has been paired with yet, by node. */
  private final Map<String, StateChanged> losses = new LinkedHashMap<>();
  private final Map<String, Duration> timeAsMaster = new TreeMap<>();
  private final Set<String> masterUntilRestart = new TreeSet<>();
  private final Map<String, Long> otherKinds = new TreeMap<>();
  /** A takeover while another node was still Master, waiting for that node's loss (or crash). */
  private Optional<StateChanged> awaitingLoss = Optional.empty();
  private Optional<String> awaitedNode = Optional.empty();
  private int failovers;
  private Optional<Episode> longestGap = Optional.empty();

  public InstanceAnalysis(String instance, AuditFilter filter, FlapRule flapRule, ReportSink sink) {
    this.instance = instance;
    this.filter = filter;
    this.flapRule = flapRule;
    this.sink = sink;
    sink.instanceStart(instance);
  }

  public void accept(JournalEntry entry) {
    if (filter.shows(entry)) {
      sink.entry(entry);
    }
    NodeTrack track = track(entry.node());
    if (entry.analysed().isEmpty()) {
      otherKinds.merge(entry.kind(), 1L, Long::sum);
    } else {
      InstanceEvent event = entry.analysed().get();
      if (event instanceof StateChanged changed) {
        onTransition(track, changed);
      } else if (event instanceof InstanceStarted started) {
        onStart(track, started);
      } else if (event instanceof InstanceStopped stopped) {
        leave(track, Optional.empty(), stopped.at());
      }
    }
    track.lastEvent = Optional.of(entry.at());
  }

  /** Closes what is still open; {@code end} is when the audit looks (now, or --until). */
  public Totals finish(Instant end) {
    awaitedNode.ifPresent(old -> completeAwaited(Optional.empty(),
        "journaled nothing more: no loss of Master in its journal"));
    losses.values().forEach(loss -> report(lossWithoutTakeover(loss)));
    losses.clear();
    for (NodeTrack track : nodes.values()) {
      leave(track, Optional.empty(), track.supersededAt.orElse(end));
      track.flaps.close().ifPresent(this::report);
      if (filter.showsNode(track.node)) {
        timeAsMaster.putIfAbsent(track.node, Duration.ZERO);
      }
    }
    Totals totals = new Totals(instance, timeAsMaster, masterUntilRestart, failovers, longestGap, otherKinds);
    sink.instanceEnd(totals);
    return totals;
  }

  private NodeTrack track(String node) {
    return nodes.computeIfAbsent(node, n -> new NodeTrack(n, new FlapWindow(flapRule, instance, n)));
  }

  private void onTransition(NodeTrack track, StateChanged changed) {
    track.flaps.record(changed.at()).ifPresent(this::report);
    boolean wasMaster = track.isMaster();
    leave(track, Optional.of(changed.to()), changed.at());
    if (wasMaster && changed.to() != VrrpState.MASTER) {
      onLoss(changed);
    } else if (!wasMaster && changed.to() == VrrpState.MASTER) {
      onTakeover(changed);
    }
  }

  private void onLoss(StateChanged loss) {
    if (awaitedNode.equals(Optional.of(loss.node()))) {
      completeAwaited(Optional.of(loss.at()), why(loss));
    } else {
      losses.put(loss.node(), loss);
    }
  }

  private void onTakeover(StateChanged takeover) {
    StateChanged ownLoss = losses.remove(takeover.node());
    if (ownLoss != null) {
      report(lossWithoutTakeover(ownLoss));
    }
    Optional<StateChanged> loss = losses.values().stream().reduce((first, second) -> second);
    if (loss.isPresent()) {
      losses.remove(loss.get().node());
      report(episode(loss.get().node(), Optional.of(loss.get().at()), why(loss.get()), handoverOf(loss.get()), takeover));
      return;
    }
    Optional<NodeTrack> stillMaster = nodes.values().stream()
        .filter(t -> t.isMaster() && !t.node.equals(takeover.node())).findFirst();
    if (stillMaster.isPresent()) {
      awaitedNode.ifPresent(old -> completeAwaited(Optional.empty(), "journaled no loss of Master"));
      stillMaster.get().supersededAt = takeover.cause().peerLastHeard().or(() -> Optional.of(takeover.at()));
      awaitingLoss = Optional.of(takeover);
      awaitedNode = Optional.of(stillMaster.get().node);
    } else if (takeover.cause().peer().isPresent()) {
      report(episode(takeover.cause().peer().get() + " (no journal read)", Optional.empty(),
          "not in the journals read", silentOrReleased(takeover), takeover));
    }
  }

  private void onStart(NodeTrack track, InstanceStarted started) {
    boolean crashed = started.recoveredState().equals(Optional.of(VrrpState.MASTER)) && !started.previousStopClean();
    if (crashed) {
      report(new Crash(instance, track.node, started.at(), track.lastEvent));
      if (awaitedNode.equals(Optional.of(track.node))) {
        completeAwaited(Optional.empty(),
            "crashed while Master (restarted " + TimelineText.time(started.at()) + ")");
      }
    }
    // A run that crashed as Master was Master until a new master stopped hearing it; with no such
    // takeover in the journals read, until its restart (an upper bound, said in the totals): its last
    // event is usually its own takeover, which counted seconds as Master as nothing.
    Instant leftAt = track.supersededAt.or(() -> crashed ? Optional.of(started.at()) : track.lastEvent)
        .orElse(started.at());
    if (crashed && track.supersededAt.isEmpty() && track.isMaster() && filter.showsNode(track.node)) {
      masterUntilRestart.add(track.node);
    }
    leave(track, Optional.empty(), leftAt);
    leave(track, Optional.of(VrrpState.INITIALIZE), started.at());
  }

  /** Moves the node to {@code next}, reporting the span it left and counting time as Master. */
  private void leave(NodeTrack track, Optional<VrrpState> next, Instant at) {
    track.enter(instance, next, at).flatMap(filter::clip).ifPresent(span -> {
      sink.span(span);
      if (span.state() == VrrpState.MASTER) {
        timeAsMaster.merge(span.node(), Duration.between(span.from(), span.to()), Duration::plus);
      }
    });
  }

  private void completeAwaited(Optional<Instant> lostAt, String lostWhy) {
    StateChanged takeover = awaitingLoss.orElseThrow();
    String oldMaster = awaitedNode.orElseThrow();
    awaitingLoss = Optional.empty();
    awaitedNode = Optional.empty();
    Handover handover = lostAt.isPresent() && isPreemption(takeover) ? Handover.PREEMPTED : silentOrReleased(takeover);
    report(episode(oldMaster, lostAt, lostWhy, handover, takeover));
  }

  /** A takeover by preemption: the new master heard the old one at a lower priority than its own. */
  private static boolean isPreemption(StateChanged takeover) {
    return takeover.cause().peerPriority().map(p -> p > 0 && p < takeover.priority()).orElse(false);
  }

  private static Handover silentOrReleased(StateChanged takeover) {
    return takeover.cause().peerPriority().equals(Optional.of(0)) ? Handover.RELEASED : Handover.SILENT;
  }

  private static Handover handoverOf(StateChanged loss) {
    String kind = loss.cause().kind();
    if (kind.equals("preempted-by")) {
      return Handover.PREEMPTED;
    }
    return kind.equals("shutdown") || kind.equals("fault") ? Handover.RELEASED : Handover.SILENT;
  }

  private Episode episode(String lostBy, Optional<Instant> lostAt, String lostWhy, Handover handover,
      StateChanged takeover) {
    Cause cause = takeover.cause();
    Optional<Instant> lastHeard = cause.peerLastHeard();
    return new Episode(instance, lostBy, lostAt, lostWhy, takeover.node(), Optional.of(takeover.at()), why(takeover),
        lastHeard, lastHeard.map(heard -> Duration.between(heard, takeover.at())), handover);
  }

  private Episode lossWithoutTakeover(StateChanged loss) {
    String by = loss.cause().peer().map(p -> p + " (no journal read)").orElse("nobody in the journals read");
    return new Episode(instance, loss.node(), Optional.of(loss.at()), why(loss), by, Optional.empty(),
        "not in the journals read", Optional.empty(), Optional.empty(),
        handoverOf(loss) == Handover.SILENT ? Handover.NO_TAKEOVER_SEEN : handoverOf(loss));
  }

  private static String why(StateChanged changed) {
    return changed.cause().kind() + ": " + changed.cause().detail();
  }

  private void report(Episode episode) {
    if (!filter.shows(episode)) {
      return;
    }
    failovers++;
    if (episode.gap().isPresent()
        && longestGap.flatMap(Episode::gap).map(g -> episode.gap().get().compareTo(g) > 0).orElse(true)) {
      longestGap = Optional.of(episode);
    }
    sink.episode(episode);
  }

  private void report(Crash crash) {
    if (filter.showsNode(crash.node()) && filter.inWindow(crash.restartedAt())) {
      sink.crash(crash);
    }
  }

  private void report(Flapping flapping) {
    if (filter.showsNode(flapping.node()) && filter.inWindow(flapping.to())) {
      sink.flapping(flapping);
    }
  }
}
