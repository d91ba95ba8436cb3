package dev.tandem.app;

import dev.tandem.instance.AdvertCounters;
import dev.tandem.instance.ControllerStatus;
import dev.tandem.instance.CurrentMaster;
import dev.tandem.instance.HeldEvents;
import dev.tandem.instance.InstanceStatus;
import dev.tandem.instance.LastTransition;
import dev.tandem.instance.ScriptStatus;
import dev.tandem.vrrp.Health;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.wire.DiscardReason;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A controller status as two nodes' instances would report it: one master, one backup hearing a peer. */
final class StatusSamples {
  private StatusSamples() {}

  static ControllerStatus lb1() {
    InstanceStatus master = new InstanceStatus("VI_1", "eth0", 51, VrrpState.MASTER, 100, 90,
        Optional.of(new CurrentMaster("192.0.2.11", 90, true)), List.of("192.0.2.100/24"),
        Optional.of(new LastTransition(VrrpState.BACKUP, VrrpState.MASTER, Instant.parse("2026-01-02T03:04:05Z"),
            "master-down", "no advert heard within Master_Down_Interval")),
        new AdvertCounters(42, 7, 1, 0, 2),
        List.of(new ScriptStatus("chk_nginx", Health.FAILED, -10), new ScriptStatus("chk_disk", Health.UNKNOWN, 0)),
        new HeldEvents(3, 0));
    InstanceStatus backup = new InstanceStatus("VI_2", "eth0", 52, VrrpState.BACKUP, 80, 80,
        Optional.of(new CurrentMaster("192.0.2.12", 100, false)), List.of("192.0.2.200/24", "192.0.2.201/24"),
        Optional.empty(), new AdvertCounters(0, 12, 0, 0, 1), List.of(), HeldEvents.none());
    Map<DiscardReason, Long> discards = new EnumMap<>(DiscardReason.class);
    discards.put(DiscardReason.CHECKSUM, 3L);
    discards.put(DiscardReason.AUTH_PASSWORD, 0L);
    return new ControllerStatus("lb1", List.of(master, backup), Map.of("eth0", discards));
  }
}
