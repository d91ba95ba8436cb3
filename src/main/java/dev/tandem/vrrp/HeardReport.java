package dev.tandem.vrrp;

import dev.tandem.wire.InstanceReport;
import java.net.Inet4Address;

/**
 * The latest split-brain report from one peer address, when it arrived, and since when that peer
 * has reported the same state without a gap (monotonic nanos).
 */
public record HeardReport(Inet4Address peer, InstanceReport report, long heardAtNanos, long stateSinceNanos) {
  /** This report, following {@code previous} from the same peer (null for the first). */
  public static HeardReport after(HeardReport previous, Inet4Address peer, InstanceReport report, long heardAtNanos) {
    boolean sameRun = previous != null && previous.report().state() == report.state()
        && SplitBrainRules.isCurrent(previous, heardAtNanos);
    return new HeardReport(peer, report, heardAtNanos, sameRun ? previous.stateSinceNanos() : heardAtNanos);
  }
}
