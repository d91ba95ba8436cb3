package dev.tandem.instance;

import dev.tandem.wire.DiscardReason;
import java.util.List;
import java.util.Map;

/**
 * Everything a controller reports about itself: its node id, each instance that answered in time,
 * and the frames each interface dropped, by reason (they are counted before a frame is known to
 * belong to an instance).
 */
public record ControllerStatus(
    String node, List<InstanceStatus> instances, Map<String, Map<DiscardReason, Long>> invalidPackets) {

  public ControllerStatus {
    instances = List.copyOf(instances);
    invalidPackets = Map.copyOf(invalidPackets);
  }
}
