package dev.tandem.vrrp;

import dev.tandem.config.InstanceConfig;
import dev.tandem.config.ScriptConfig;
import dev.tandem.config.TrackInterface;
import dev.tandem.config.TrackScriptRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Everything one instance tracks, folded into what the state machine needs: the effective priority
 * and the fault set (keepalived 2.2.7's vrrp_track.c). The effective priority is the configured one
 * plus every source's delta, kept within 1..254; an address owner (255) never moves. The fault set
 * is the weight-0 sources that have failed, in the order they are tracked; it applies to owners too.
 */
public record Tracking(int basePriority, List<TrackedSource> sources) {
  private static final int OWNER_PRIORITY = 255;

  public Tracking {
    sources = List.copyOf(sources);
  }

  /**
   * The instance's tracked scripts, each with its weight: the instance's own for that script when
   * it gives one, else the script's (keepalived's track_script NAME weight N); then its interfaces:
   * its own with weight 0 unless dont-track-primary, and each track-interface with its weight. A
   * link's state is known at once, so interfaces count from their first report (rise = fall = 1).
   */
  public static Tracking of(InstanceConfig instance, Map<String, ScriptConfig> scripts) {
    List<TrackedSource> sources = new ArrayList<>();
    for (TrackScriptRef ref : instance.trackScripts()) {
      ScriptConfig script = scripts.get(ref.name());
      sources.add(new TrackedSource(ref.name(), ref.weight().orElse(script.weight()),
          RiseFall.start(script.rise(), script.fall())));
    }
    for (TrackInterface tracked : trackedInterfaces(instance)) {
      sources.add(new TrackedSource(interfaceSource(tracked.name()), tracked.weight(), RiseFall.start(1, 1)));
    }
    return new Tracking(instance.priority(), sources);
  }

  /**
   * The interfaces an instance tracks, each once. Its own interface, tracked, already puts it in
   * Fault when down, so a track-interface entry naming it again adds nothing but a second source
   * under the same name.
   */
  public static List<TrackInterface> trackedInterfaces(InstanceConfig instance) {
    List<TrackInterface> tracked = new ArrayList<>();
    if (!instance.dontTrackPrimary()) {
      tracked.add(new TrackInterface(instance.interfaceName(), 0));
    }
    for (TrackInterface extra : instance.trackInterfaces()) {
      if (tracked.stream().noneMatch(t -> t.name().equals(extra.name()))) {
        tracked.add(extra);
      }
    }
    return tracked;
  }

  /** The source name of an interface, as logs and the journal show it: {@code interface eth1}. */
  public static String interfaceSource(String interfaceName) {
    return "interface " + interfaceName;
  }

  /** keepalived's vrrp_set_effective_priority: owners stay 255, everyone else 1..254. */
  public static int effectivePriority(int basePriority, int requested) {
    if (basePriority == OWNER_PRIORITY) {
      return OWNER_PRIORITY;
    }
    return Math.max(1, Math.min(OWNER_PRIORITY - 1, requested));
  }

  public int effectivePriority() {
    return effectivePriority(basePriority, basePriority + sources.stream().mapToInt(TrackedSource::priorityDelta).sum());
  }

  /** Names of the sources that hold the instance in Fault; empty when none. */
  public List<String> faults() {
    return sources.stream().filter(TrackedSource::faulty).map(TrackedSource::name).toList();
  }

  public TrackedSource source(String name) {
    return sources.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("not tracked: " + name));
  }

  /** After one result of {@code name}; every instance tracking it under that name is updated. */
  public Tracking after(String name, boolean success) {
    source(name);
    return new Tracking(basePriority, sources.stream()
        .map(s -> s.name().equals(name) ? s.after(success) : s)
        .toList());
  }
}
