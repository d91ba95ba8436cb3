package dev.tandem.net;

import dev.tandem.wire.ArpClaim;
import dev.tandem.wire.ArpFrame;
import dev.tandem.wire.GratuitousArp;
import dev.tandem.wire.MacAddress;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The MACs of unicast VRRP peers on one link. A kernel socket would resolve them itself; frames
 * sent through pcap bypass the kernel's neighbour table, so tandem asks with ARP from its own link.
 *
 * <p>Asking is driven by {@link #lookup}, which never blocks: an unknown peer is asked at most once
 * per {@link #RETRY}, and a known one is asked again once its entry is older than {@link #REFRESH}
 * while the last MAC keeps being used (a peer that does not answer is down or moved, and sending to
 * its old MAC costs nothing). Every ARP request or reply sent by a peer refreshes its entry,
 * including those it sends unasked. Only addresses that were looked up are remembered.
 */
public final class ArpResolver {
  static final Duration RETRY = Duration.ofSeconds(1);
  static final Duration REFRESH = Duration.ofSeconds(30);

  private record Entry(Optional<MacAddress> mac, long confirmedAt, OptionalLong askedAt) {
    static final Entry UNKNOWN = new Entry(Optional.empty(), 0, OptionalLong.empty());

    boolean dueForRequest(long now) {
      boolean stale = mac.isEmpty() || now - confirmedAt >= REFRESH.toNanos();
      return stale && (askedAt.isEmpty() || now - askedAt.getAsLong() >= RETRY.toNanos());
    }
  }

  private final Link link;
  private final LongSupplier nanoTime;
  private final Map<Inet4Address, Entry> entries = new ConcurrentHashMap<>();
  private final Object answered = new Object();

  public ArpResolver(Link link, LongSupplier nanoTime) {
    this.link = link;
    this.nanoTime = nanoTime;
  }

  /** The peer's MAC if known; sends an ARP request when one is due. Never blocks. */
  public Optional<MacAddress> lookup(Inet4Address peer) {
    long now = nanoTime.getAsLong();
    boolean[] ask = {false};
    entries.compute(peer, (p, old) -> {
      Entry entry = old == null ? Entry.UNKNOWN : old;
      if (!entry.dueForRequest(now)) {
        return entry;
      }
      ask[0] = true;
      return new Entry(entry.mac(), entry.confirmedAt(), OptionalLong.of(now));
    });
    if (ask[0]) {
      link.send(ArpFrame.request(link.mac(), link.primaryAddress(), peer));
    }
    // read again: on an in-memory link the reply has already arrived
    return entries.get(peer).mac();
  }

  /**
   * Waits up to {@code timeout} for the peer's MAC, asking again every {@link #RETRY}; empty when
   * the peer did not answer in time (or the thread was interrupted).
   */
  public Optional<MacAddress> resolve(Inet4Address peer, Duration timeout) {
    long deadline = nanoTime.getAsLong() + timeout.toNanos();
    synchronized (answered) {
      while (true) {
        Optional<MacAddress> mac = lookup(peer);
        long left = deadline - nanoTime.getAsLong();
        if (mac.isPresent() || left <= 0) {
          return mac;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(answered, Math.min(left, RETRY.toNanos()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }

  /** Takes in any received frame; ARP from a peer that was looked up records its MAC. */
  void learn(byte[] frame) {
    Optional<ArpClaim> claim = GratuitousArp.parseClaim(frame);
    if (claim.isEmpty()) {
      return;
    }
    long now = nanoTime.getAsLong();
    ArpClaim c = claim.get();
    Entry updated = entries.computeIfPresent(c.address(),
        (p, old) -> new Entry(Optional.of(c.mac()), now, old.askedAt()));
    if (updated != null) {
      synchronized (answered) {
        answered.notifyAll();
      }
    }
  }
}
