package dev.tandem.instance;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The split-brain detector took this instance out of VRRP ({@code yielded}) or let it back in.
 * A yield carries its evidence: the peer that reported Master at the same time, its state and
 * priority, this instance's priority, and the MAC other than ours that last claimed each VIP by
 * ARP ({@code peerMacs}, VIP -> MAC; empty when none was heard). A resume says why in {@code detail}.
 */
public record SplitBrainChanged(
    int schema,
    Instant at,
    String node,
    String instance,
    boolean yielded,
    String detail,
    Optional<String> peer,
    Optional<String> peerState,
    Optional<Integer> peerPriority,
    int ownPriority,
    Map<String, String> peerMacs)
    implements InstanceEvent {}
