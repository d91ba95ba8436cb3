package dev.tandem.net;

import dev.tandem.wire.AdvertFilter;
import dev.tandem.wire.DecodedFrame;
import dev.tandem.wire.Discard;
import dev.tandem.wire.DiscardReason;
import dev.tandem.wire.EchoFrame;
import dev.tandem.wire.EchoReading;
import dev.tandem.wire.Expectation;
import dev.tandem.wire.FrameDecoder;
import dev.tandem.wire.GratuitousArp;
import dev.tandem.wire.ReceivedAdvert;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * One per interface: decodes what its {@link Link} receives, runs the §7.1 checks of the instance
 * registered for the advert's VRID, and hands the result to that instance's sink, all on the
 * link's receive thread so that actors only ever see decoded, validated adverts. Dropped frames are
 * counted by reason. Other frames (ARP) go to the link's {@link ArpResolver}, and to the split-brain
 * detectors: tandem echo requests to the detector of their VRID, ARP claims to every detector.
 *
 * <p>The hub keeps the last advert heard for each VRID, and hands it to whoever registers for that
 * VRID: an instance that starts after its link opened has heard the link since then (the frames
 * captured before {@link #start} wait in the capture's buffer), which shortens its first wait for
 * a master (see {@link #listening}).
 */
public final class LinkHub implements AutoCloseable {
  private record Registration(Expectation expectation, AdvertSink sink) {}

  private final Link link;
  private final LongSupplier nanoTime;
  private final Map<Integer, Registration> byVrid = new ConcurrentHashMap<>();
  private final Map<Integer, SplitBrainSink> detectors = new ConcurrentHashMap<>();
  private final AtomicLongArray discards = new AtomicLongArray(DiscardReason.values().length);
  private final ArpResolver arp;
  /** When the hub began to hear its link (the link is open, capturing, when it is handed over). */
  private final long openedAtNanos;
  /**
   * The last advert heard for each VRID and when it arrived; guarded, with {@link #byVrid}'s
   * changes, by this lock, so that a registrant gets the last advert before the next one.
   */
  private final Object heard = new Object();
  private final ReceivedAdvert[] lastAdvert = new ReceivedAdvert[256];
  private final long[] lastHeardAtNanos = new long[256];

  public LinkHub(Link link, LongSupplier nanoTime) {
    this.link = link;
    this.nanoTime = nanoTime;
    this.arp = new ArpResolver(link, nanoTime);
    this.openedAtNanos = nanoTime.getAsLong();
  }

  /** How long this hub has heard its link: every advert of that time reaches the VRID's registrant. */
  public Duration listening() {
    return Duration.ofNanos(nanoTime.getAsLong() - openedAtNanos);
  }

  public Link link() {
    return link;
  }

  /** The MACs of unicast peers on this link. */
  public ArpResolver arp() {
    return arp;
  }

  public void start() {
    link.start(this::onFrame);
  }

  /**
   * Routes adverts for {@code expectation.vrid()} to {@code sink}, starting with the last one heard
   * before, if any; one instance per VRID and link.
   */
  public void register(Expectation expectation, AdvertSink sink) {
    int vrid = expectation.vrid();
    Registration registration = new Registration(expectation, sink);
    synchronized (heard) {
      Registration previous = byVrid.putIfAbsent(vrid, registration);
      if (previous != null) {
        throw new IllegalStateException("VRID " + vrid + " is already in use on " + link.name());
      }
      if (lastAdvert[vrid] != null) {
        deliver(registration, lastAdvert[vrid], lastHeardAtNanos[vrid]);
      }
    }
  }

  public void unregister(int vrid) {
    synchronized (heard) {
      byVrid.remove(vrid);
    }
  }

  /** Routes the peers' split-brain reports for {@code vrid}, and every ARP claim, to {@code sink}. */
  public void registerDetector(int vrid, SplitBrainSink sink) {
    if (detectors.putIfAbsent(vrid, sink) != null) {
      throw new IllegalStateException("VRID " + vrid + " already has a split-brain detector on " + link.name());
    }
  }

  public void unregisterDetector(int vrid) {
    detectors.remove(vrid);
  }

  public void send(byte[] frame) {
    link.send(frame);
  }

  /** Frames dropped so far, by reason. */
  public Map<DiscardReason, Long> discards() {
    Map<DiscardReason, Long> out = new EnumMap<>(DiscardReason.class);
    for (DiscardReason r : DiscardReason.values()) {
      out.put(r, discards.get(r.ordinal()));
    }
    return out;
  }

  private void onFrame(byte[] frame, long ageNanos) {
    long receivedAt = nanoTime.getAsLong() - ageNanos;
    DecodedFrame decoded = FrameDecoder.decode(frame);
    if (decoded instanceof DecodedFrame.Advert advert) {
      ReceivedAdvert received = advert.advert();
      int vrid = received.advert().vrid();
      synchronized (heard) {
        lastAdvert[vrid] = received;
        lastHeardAtNanos[vrid] = receivedAt;
        Registration reg = byVrid.get(vrid);
        if (reg == null) {
          count(DiscardReason.UNKNOWN_VRID);
        } else {
          deliver(reg, received, receivedAt);
        }
      }
    } else if (decoded instanceof DecodedFrame.Rejected rejected) {
      Registration reg = byVrid.get(rejected.vrid());
      if (reg == null) {
        count(rejected.discard().reason());
      } else {
        reject(reg, rejected.discard());
      }
    } else {
      arp.learn(frame);
      if (!detectors.isEmpty()) {
        toDetectors(frame, receivedAt);
      }
    }
  }

  private void deliver(Registration reg, ReceivedAdvert advert, long receivedAt) {
    Optional<Discard> rejected = AdvertFilter.check(advert, reg.expectation());
    if (rejected.isPresent()) {
      reject(reg, rejected.get());
    } else {
      reg.sink().accept(advert, receivedAt);
    }
  }

  private void toDetectors(byte[] frame, long receivedAt) {
    if (EchoFrame.decode(frame) instanceof EchoReading.Report report) {
      SplitBrainSink sink = detectors.get(report.report().vrid());
      if (sink != null) {
        sink.report(report, receivedAt);
      }
      return;
    }
    GratuitousArp.parseClaim(frame).ifPresent(claim -> detectors.values().forEach(d -> d.claim(claim)));
  }

  private void reject(Registration reg, Discard discard) {
    count(discard.reason());
    reg.sink().discard(discard);
  }

  private void count(DiscardReason reason) {
    discards.incrementAndGet(reason.ordinal());
  }

  @Override
  public void close() {
    link.close();
  }
}
