package dev.tandem.vrrp;

import dev.tandem.wire.InstanceReport;
import dev.tandem.wire.ReportedState;
import java.net.Inet4Address;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The split-brain decision, the same on both sides of a pair so that exactly one yields. A split
 * brain is a peer's controller reporting Master for our VRID while we are Master and VRRP adverts
 * from it do not arrive (with adverts, VRRP settles it by itself within one advert). A peer must
 * have reported Master for a whole advert window: a router that just took over sends its report
 * and its first advert together, and the report may arrive first. Only a
 * current report counts: ARP claims for the VIPs from another MAC alone also come from a host
 * whose controller died and left the VIP behind, and a peer that does not answer may be dead.
 *
 * <p>The lower effective priority yields; on equal priority the lower primary address, as VRRP's
 * own tie-break. A yielded instance resumes when the peer's adverts arrive again, when the peer
 * stops reporting Master or stops reporting at all, unless it is to stay stopped.
 */
public final class SplitBrainRules {
  /**
   * A report is current for its interval plus half of it: a report late by up to half an interval
   * (seen in the lab: 280 ms on a loaded machine) does not end a yield.
   */
  private static final int GRACE_DIVISOR = 2;

  private SplitBrainRules() {}

  public static SplitBrainVerdict decide(SplitBrainSituation s, long nowNanos) {
    Optional<HeardReport> rival = s.peers().stream()
        .filter(h -> isCurrent(h, nowNanos) && h.report().vrid() == s.vrid())
        .filter(h -> h.report().state() == ReportedState.MASTER)
        .filter(h -> nowNanos - h.stateSinceNanos() >= s.advertWindow().toNanos())
        .filter(h -> outranks(h.report(), s.ownPriority(), s.ownAddress()))
        .findFirst();
    if (s.yieldedAtNanos().isPresent()) {
      return whileYielded(s, rival, nowNanos);
    }
    if (s.ownState() != VrrpState.MASTER || rival.isEmpty() || advertsArriving(s, nowNanos)) {
      return new SplitBrainVerdict.Stay();
    }
    return new SplitBrainVerdict.Yield(evidence(s, rival.get()));
  }

  /** How long after it arrived a report stops counting: its sender's interval plus a grace. */
  public static long lifetimeNanos(InstanceReport report) {
    long interval = report.intervalMillis() * 1_000_000L;
    return interval + interval / GRACE_DIVISOR;
  }

  public static boolean isCurrent(HeardReport heard, long nowNanos) {
    return nowNanos - heard.heardAtNanos() <= lifetimeNanos(heard.report());
  }

  /** VRRP's order: higher priority, then higher primary address (compared as unsigned). */
  static boolean outranks(InstanceReport peer, int ownPriority, Inet4Address ownAddress) {
    if (peer.priority() != ownPriority) {
      return peer.priority() > ownPriority;
    }
    return Integer.compareUnsigned(asInt(peer.primaryAddress()), asInt(ownAddress)) > 0;
  }

  private static SplitBrainVerdict whileYielded(SplitBrainSituation s, Optional<HeardReport> rival, long nowNanos) {
    if (!s.resumeAutomatically()) {
      return new SplitBrainVerdict.Stay();
    }
    if (s.lastPeerAdvertNanos().isPresent()
        && s.lastPeerAdvertNanos().getAsLong() > s.yieldedAtNanos().getAsLong()) {
      return new SplitBrainVerdict.Resume("VRRP adverts from the peer arrive again");
    }
    if (rival.isPresent()) {
      return new SplitBrainVerdict.Stay();
    }
    return new SplitBrainVerdict.Resume(whyNoRival(s, nowNanos));
  }

  private static String whyNoRival(SplitBrainSituation s, long nowNanos) {
    return s.peers().stream().map(h -> {
      String peer = "peer " + h.peer().getHostAddress();
      if (!isCurrent(h, nowNanos)) {
        return peer + " stopped answering (last report " + (nowNanos - h.heardAtNanos()) / 1_000_000 + " ms ago)";
      }
      if (h.report().state() != ReportedState.MASTER) {
        return peer + " is no longer Master (it is " + h.report().state() + ")";
      }
      return peer + " (priority " + h.report().priority() + ") no longer outranks this router (priority "
          + s.ownPriority() + ")";
    }).collect(Collectors.joining("; "));
  }

  private static boolean advertsArriving(SplitBrainSituation s, long nowNanos) {
    return s.lastPeerAdvertNanos().isPresent()
        && nowNanos - s.lastPeerAdvertNanos().getAsLong() <= s.advertWindow().toNanos();
  }

  private static SplitBrainEvidence evidence(SplitBrainSituation s, HeardReport rival) {
    InstanceReport r = rival.report();
    String detail = "split-brain: peer " + rival.peer().getHostAddress() + " is Master too"
        + (r.priority() == s.ownPriority()
            ? " with the same priority " + r.priority() + " and a higher primary address"
            : " with higher priority " + r.priority() + ", ours " + s.ownPriority())
        + ", and its VRRP adverts do not arrive";
    return new SplitBrainEvidence(rival.peer(), r.state(), r.priority(), r.primaryAddress(), s.ownPriority(),
        s.vipClaims(), detail);
  }

  private static int asInt(Inet4Address address) {
    byte[] b = address.getAddress();
    return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }
}
