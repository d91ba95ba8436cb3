package dev.tandem.config;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One vrrp_instance, validated. {@code advertInterval} is whole seconds for v2 and a multiple of
 * 10 ms for v3. {@code preempt} is already false when nopreempt was asked for with state BACKUP.
 * {@code splitBrain} is empty unless the detector is enabled.
 * {@code dontTrackPrimary} (keepalived's dont_track_primary): the instance's own interface going
 * down does not put it in Fault.
 */
public record InstanceConfig(
    String name,
    InitialState initialState,
    String interfaceName,
    int virtualRouterId,
    int priority,
    Duration advertInterval,
    int version,
    boolean preempt,
    Duration preemptDelay,
    AuthType authType,
    String authPassword,
    List<VirtualAddress> virtualAddresses,
    ChecksumMode checksumMode,
    GarpConfig garp,
    Optional<Inet4Address> unicastSource,
    List<Inet4Address> unicastPeers,
    List<TrackScriptRef> trackScripts,
    List<TrackInterface> trackInterfaces,
    boolean dontTrackPrimary,
    NotifyConfig notifications,
    Optional<SplitBrainConfig> splitBrain,
    Origin origin) {

  /** The VRRP advert interval in centiseconds, the unit of the v3 field. */
  public int advertIntervalCentis() {
    return (int) (advertInterval.toMillis() / 10);
  }
}
