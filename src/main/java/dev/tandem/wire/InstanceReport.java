package dev.tandem.wire;

import java.net.Inet4Address;

/**
 * What a split-brain detector tells its peer in the payload of its ICMP echo requests: the
 * instance's VRID, state and effective priority, its primary address (the tie-break), and how
 * often it reports ({@code intervalMillis}), so the reader knows when a report has gone stale.
 */
public record InstanceReport(int vrid, ReportedState state, int priority, Inet4Address primaryAddress,
    long intervalMillis) {}
