package dev.tandem.vrrp;

import dev.tandem.wire.InstanceReport;
import java.net.Inet4Address;

/** The latest split-brain report from one peer address and when it arrived (monotonic nanos). */
public record HeardReport(Inet4Address peer, InstanceReport report, long heardAtNanos) {}
