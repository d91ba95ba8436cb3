package dev.tandem.lab;

import dev.tandem.wire.ArpClaim;
import dev.tandem.wire.DecodedFrame;
import dev.tandem.wire.FrameDecoder;
import dev.tandem.wire.GratuitousArp;
import dev.tandem.wire.MacAddress;
import dev.tandem.wire.ReceivedAdvert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a capture shows of VRRP: the valid adverts, the gratuitous ARPs and the ICMP
 * protocol-unreachables answering adverts, in capture order, and the handovers between masters that
 * tests and the benchmark measure. Frames VRRP would discard (bad checksum, TTL, ...) are counted as
 * rejected, not listed as adverts.
 */
public final class WireTimeline {
  private final List<WireAdvert> adverts;
  private final List<WireGarp> garps;
  private final List<WireUnreachable> unreachables;
  private final int rejected;

  private WireTimeline(List<WireAdvert> adverts, List<WireGarp> garps, List<WireUnreachable> unreachables,
      int rejected) {
    this.adverts = List.copyOf(adverts);
    this.garps = List.copyOf(garps);
    this.unreachables = List.copyOf(unreachables);
    this.rejected = rejected;
  }

  public static WireTimeline of(List<PcapRecord> records) {
    List<WireAdvert> adverts = new ArrayList<>();
    List<WireGarp> garps = new ArrayList<>();
    List<WireUnreachable> unreachables = new ArrayList<>();
    int rejected = 0;
    for (PcapRecord record : records) {
      DecodedFrame decoded = FrameDecoder.decode(record.frame());
      if (decoded instanceof DecodedFrame.Advert) {
        ReceivedAdvert received = ((DecodedFrame.Advert) decoded).advert();
        adverts.add(new WireAdvert(record.at(), received.source().getHostAddress(), received.advert().vrid(),
            received.advert().priority(), received.advert().version(), received.advert().intervalCentis(),
            received.destination().getHostAddress(), MacAddress.of(record.frame(), 0).toString()));
      } else if (decoded instanceof DecodedFrame.Rejected) {
        rejected++;
      } else {
        WireUnreachable.of(record).ifPresent(unreachables::add);
        Optional<ArpClaim> claim = GratuitousArp.parseClaim(record.frame());
        if (claim.isPresent() && claim.get().isGratuitous()) {
          garps.add(new WireGarp(record.at(), claim.get().address().getHostAddress(), claim.get().mac().toString()));
        }
      }
    }
    return new WireTimeline(adverts, garps, unreachables, rejected);
  }

  public List<WireAdvert> adverts() {
    return adverts;
  }

  public List<WireAdvert> adverts(int vrid) {
    return adverts.stream().filter(a -> a.vrid() == vrid).toList();
  }

  public List<WireAdvert> adverts(int vrid, String source) {
    return adverts(vrid).stream().filter(a -> a.source().equals(source)).toList();
  }

  public List<WireGarp> garps() {
    return garps;
  }

  public List<WireGarp> garps(String address) {
    return garps.stream().filter(g -> g.address().equals(address)).toList();
  }

  /** The ICMP protocol-unreachables that {@code host} sent back for adverts of a VRID addressed to it. */
  public List<WireUnreachable> unreachables(int vrid, String host) {
    return unreachables.stream().filter(u -> u.vrid() == vrid && u.from().equals(host)).toList();
  }

  /** VRRP frames that a receiver must discard (their reasons are {@link FrameDecoder}'s). */
  public int rejected() {
    return rejected;
  }

  /** Every change of sender between consecutive adverts of a VRID, in order. */
  public List<Handover> handovers(int vrid) {
    List<Handover> handovers = new ArrayList<>();
    WireAdvert previous = null;
    for (WireAdvert advert : adverts(vrid)) {
      if (previous != null && !previous.source().equals(advert.source())) {
        handovers.add(new Handover(previous, advert));
      }
      previous = advert;
    }
    return handovers;
  }

  /**
   * The first handover of a VRID from one sender to another whose new master spoke after
   * {@code after} (e.g. the moment a test killed the old master), if it is on the wire yet.
   */
  public Optional<Handover> handoverAfter(int vrid, String from, String to, Instant after) {
    return handovers(vrid).stream()
        .filter(h -> h.from().equals(from) && h.to().equals(to) && h.firstOfNew().at().isAfter(after))
        .findFirst();
  }
}
