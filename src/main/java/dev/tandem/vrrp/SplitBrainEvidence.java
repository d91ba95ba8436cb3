package dev.tandem.vrrp;

import dev.tandem.wire.MacAddress;
import dev.tandem.wire.ReportedState;
import java.net.Inet4Address;
import java.util.Map;

/**
 * Why an instance yielded: the peer that reported Master at the same time and outranks it, and the
 * MACs other than ours that claimed the VIPs by ARP. {@code detail} is the line for log and journal.
 */
public record SplitBrainEvidence(
    Inet4Address peer,
    ReportedState peerState,
    int peerPriority,
    Inet4Address peerPrimaryAddress,
    int ownPriority,
    Map<Inet4Address, MacAddress> vipClaims,
    String detail) {}
