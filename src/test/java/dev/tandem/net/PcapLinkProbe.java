package dev.tandem.net;

import dev.tandem.wire.AdvertFrame;
import dev.tandem.wire.DecodedFrame;
import dev.tandem.wire.FrameDecoder;
import dev.tandem.wire.MacAddress;
import dev.tandem.wire.VrrpAdvert;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import sun.misc.Signal;

/**
 * Runs a {@link PcapLink} inside a network namespace for {@link PcapLinkTest}, which cannot open
 * one from its own JVM (that lives in the root namespace). Reports on stdout, one fact per line:
 *
 * <ul>
 *   <li>{@code open IFACE}: "OPENED mac address" or "ERROR message".
 *   <li>{@code receive IFACE}: sends a few adverts of its own (VRID {@value #OWN_VRID}), says
 *       "READY", records every advert received until SIGTERM, then "RX ipId nanoTime" per frame,
 *       "OWN n" (own frames received: must be 0) and "CLOSE_MS ms" for closing the idle link, and
 *       exits 0.
 *   <li>{@code send IFACE COUNT}: COUNT adverts to 224.0.0.18 (VRID {@value #VRID}), one per
 *       millisecond, IP identification 1..COUNT, then "TX ipId nanoTime" per frame.
 *   <li>{@code arp IFACE PEER}: resolves PEER through a {@link LinkHub}: "ARP mac ms" or "ARP none ms".
 * </ul>
 *
 * System.nanoTime is CLOCK_MONOTONIC, shared by all processes on the host, so TX and RX times from
 * two probes compare.
 */
public final class PcapLinkProbe {
  static final int VRID = 51;
  static final int OWN_VRID = 99;
  private static final int OFF_IP_ID = 18;

  private PcapLinkProbe() {}

  public static void main(String[] args) throws Exception {
    String iface = args[1];
    try (PcapLink link = PcapLink.open(iface)) {
      switch (args[0]) {
        case "open" -> System.out.println("OPENED " + link.mac() + " " + link.primaryAddress().getHostAddress());
        case "receive" -> receive(link);
        case "send" -> send(link, Integer.parseInt(args[2]));
        case "arp" -> arp(link, (Inet4Address) InetAddress.getByName(args[2]));
        default -> throw new IllegalArgumentException("unknown mode " + args[0]);
      }
    } catch (LinkException e) {
      System.out.println("ERROR " + e.getMessage());
    }
    System.out.flush();
  }

  private static void receive(PcapLink link) throws InterruptedException {
    // The lab stops its processes with SIGTERM: here that is the signal to report, not to die.
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> stop.countDown());
    List<long[]> received = new ArrayList<>();
    AtomicInteger own = new AtomicInteger();
    link.start((frame, ageNanos) -> {
      long now = System.nanoTime();
      if (FrameDecoder.decode(frame) instanceof DecodedFrame.Advert a) {
        if (a.advert().advert().vrid() == OWN_VRID) {
          own.incrementAndGet();
        } else {
          synchronized (received) {
            received.add(new long[] {((frame[OFF_IP_ID] & 0xFF) << 8) | (frame[OFF_IP_ID + 1] & 0xFF), now});
          }
        }
      }
    });
    for (int i = 1; i <= 5; i++) {
      link.send(advert(link, OWN_VRID, i));
    }
    System.out.println("READY");
    System.out.flush();
    stop.await();
    synchronized (received) {
      received.forEach(r -> System.out.println("RX " + r[0] + " " + r[1]));
    }
    System.out.println("OWN " + own.get());
    long t0 = System.nanoTime();
    link.close();
    System.out.printf("CLOSE_MS %.1f%n", (System.nanoTime() - t0) / 1e6);
  }

  private static void send(PcapLink link, int count) {
    long[] sentAt = new long[count + 1];
    for (int id = 1; id <= count; id++) {
      byte[] frame = advert(link, VRID, id);
      sentAt[id] = System.nanoTime();
      link.send(frame);
      LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }
    for (int id = 1; id <= count; id++) {
      System.out.println("TX " + id + " " + sentAt[id]);
    }
  }

  private static void arp(PcapLink link, Inet4Address peer) {
    LinkHub hub = new LinkHub(link, System::nanoTime);
    hub.start();
    long t0 = System.nanoTime();
    Optional<MacAddress> mac = hub.arp().resolve(peer, Duration.ofMillis(1500));
    System.out.printf("ARP %s %.1f%n", mac.map(MacAddress::toString).orElse("none"), (System.nanoTime() - t0) / 1e6);
  }

  private static byte[] advert(PcapLink link, int vrid, int ipId) {
    VrrpAdvert advert = new VrrpAdvert(3, vrid, 100, 100, VrrpAdvert.AUTH_NONE, "", List.of(link.primaryAddress()));
    return AdvertFrame.build(link.mac(), MacAddress.ipv4Multicast(VrrpGroup.ADDRESS), link.primaryAddress(),
        VrrpGroup.ADDRESS, ipId, advert, true);
  }
}
