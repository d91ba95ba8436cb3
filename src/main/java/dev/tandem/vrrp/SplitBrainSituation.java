package dev.tandem.vrrp;

import dev.tandem.wire.MacAddress;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Everything the split-brain decision looks at, for one instance at one moment.
 *
 * @param yieldedAtNanos when this instance yielded, empty while it takes part in VRRP
 * @param peers the latest report of each peer address that has reported at all
 * @param lastPeerAdvertNanos when the last valid advert from another router arrived
 * @param advertWindow adverts heard within this much time count as arriving (VRRP works)
 * @param vipClaims the last MAC other than ours that claimed each VIP by ARP: evidence, never a cause
 * @param resumeAutomatically false keeps a yielded instance stopped until an operator acts
 */
public record SplitBrainSituation(
    int vrid,
    VrrpState ownState,
    int ownPriority,
    Inet4Address ownAddress,
    OptionalLong yieldedAtNanos,
    List<HeardReport> peers,
    OptionalLong lastPeerAdvertNanos,
    Duration advertWindow,
    Map<Inet4Address, MacAddress> vipClaims,
    boolean resumeAutomatically) {}
