package dev.tandem.net;

import dev.tandem.wire.MacAddress;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.PcapDirection;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Link} on a real interface through one live libpcap handle (pcap4j).
 *
 * <ul>
 *   <li>Immediate mode: without it a received frame waits for the buffer timeout (556 ms median
 *       measured), far beyond VRRP's skew time.
 *   <li>Inbound direction only, so the link never sees the frames it sent (on veth another handle on
 *       the same interface would capture them otherwise). BPF filter {@value #FILTER}: VRRP, ARP
 *       (unicast peers' MACs, VIP claims) and echo requests (the peers' split-brain reports).
 *   <li>Not promiscuous: instead the link joins 224.0.0.18 with a UDP socket for as long as it is
 *       open, as keepalived's receive socket does. That puts 01:00:5e:00:00:12 in the NIC's
 *       multicast filter; without a membership a real NIC drops the adverts before the kernel (and
 *       so pcap) sees them. The socket itself never receives anything (VRRP is not UDP).
 *   <li>The primary address is the first IPv4 address the kernel lists for the interface (the one
 *       {@code ip addr} shows first, normally the one configured at boot). The JDK enumerates an
 *       interface's addresses in the reverse of the kernel's order, so it is the last one here.
 *   <li>Frames go out through AF_PACKET: they bypass the host's nftables/iptables rules (only
 *       {@code bridge}-family rules on a bridge see them), so a firewall on this host cannot block
 *       tandem's adverts or ARP, and cannot hide received ones from it either.
 *   <li>Not done yet: keepalived holds a raw socket for IP protocol 112; without one, the kernel
 *       answers each unicast advert addressed to this host with ICMP protocol-unreachable
 *       (rate-limited; multicast adverts get no answer). Harmless to VRRP, but visible on the wire.
 *   <li>Closing breaks the receive loop first: an interrupt does nothing to a thread in
 *       {@code pcap_loop}, and closing the handle from another thread would wait for the next packet,
 *       forever on an idle link.
 * </ul>
 */
public final class PcapLink implements Link {
  static final String FILTER = "ip proto 112 or arp or icmp[icmptype] == icmp-echo";
  /** A whole Ethernet frame without FCS; adverts are far shorter. */
  private static final int SNAPLEN = 1518;
  /** Unused in immediate mode, but libpcap wants one. */
  private static final int READ_TIMEOUT_MILLIS = 100;
  private static final long STOP_WAIT_MILLIS = 1000;
  /**
   * A frame older than this by the wall clock means the clock was stepped between the capture and
   * now, not a frame that waited: its age is taken as unknown (0).
   */
  static final long MAX_AGE_NANOS = 100_000_000L;
  private static final Logger log = LoggerFactory.getLogger(PcapLink.class);

  private final String name;
  private final MacAddress mac;
  private final Inet4Address address;
  private final PcapHandle handle;
  private final DatagramChannel membership;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Thread receiver;
  private boolean sendFailing;

  private PcapLink(String name, MacAddress mac, Inet4Address address, PcapHandle handle, DatagramChannel membership) {
    this.name = name;
    this.mac = mac;
    this.address = address;
    this.handle = handle;
    this.membership = membership;
  }

  /** The libpcap in use, as libpcap words it ("libpcap version 1.10.3 (with TPACKET_V3)"). */
  public static String libraryVersion() {
    return Pcaps.libVersion();
  }

  /** Opens the interface for VRRP: needs root or CAP_NET_RAW. */
  public static PcapLink open(String interfaceName) throws LinkException {
    NetworkInterface nif = find(interfaceName);
    MacAddress mac = hardwareAddress(nif);
    Inet4Address address = primaryAddress(nif);
    DatagramChannel membership = joinVrrpGroup(nif);
    try {
      return new PcapLink(interfaceName, mac, address, openHandle(interfaceName), membership);
    } catch (LinkException e) {
      closeQuietly(membership);
      throw e;
    }
  }

  private static NetworkInterface find(String interfaceName) throws LinkException {
    try {
      NetworkInterface nif = NetworkInterface.getByName(interfaceName);
      if (nif != null) {
        return nif;
      }
      // the JDK does not list an interface that has no address at all
      if (Files.isDirectory(Path.of("/sys/class/net", interfaceName))) {
        throw noIpv4Address(interfaceName);
      }
      throw new LinkException("no network interface named " + interfaceName);
    } catch (SocketException e) {
      throw new LinkException("cannot read network interface " + interfaceName + ": " + e.getMessage(), e);
    }
  }

  private static MacAddress hardwareAddress(NetworkInterface nif) throws LinkException {
    try {
      byte[] hw = nif.getHardwareAddress();
      if (hw == null || hw.length != 6) {
        throw new LinkException(nif.getName() + " has no Ethernet address (VRRP needs an Ethernet interface)");
      }
      return MacAddress.of(hw, 0);
    } catch (SocketException e) {
      throw new LinkException("cannot read the MAC address of " + nif.getName() + ": " + e.getMessage(), e);
    }
  }

  private static Inet4Address primaryAddress(NetworkInterface nif) throws LinkException {
    List<InetAddress> all = Collections.list(nif.getInetAddresses());
    Collections.reverse(all);
    return all.stream().filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast).findFirst()
        .orElseThrow(() -> noIpv4Address(nif.getName()));
  }

  private static LinkException noIpv4Address(String interfaceName) {
    return new LinkException(interfaceName + " has no IPv4 address (VRRP sends adverts from one)");
  }

  private static DatagramChannel joinVrrpGroup(NetworkInterface nif) throws LinkException {
    DatagramChannel channel = null;
    try {
      channel = DatagramChannel.open(StandardProtocolFamily.INET);
      channel.join(VrrpGroup.ADDRESS, nif);
      return channel;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new LinkException("cannot join the VRRP group " + VrrpGroup.ADDRESS.getHostAddress() + " on "
          + nif.getName() + ": " + e.getMessage(), e);
    }
  }

  private static PcapHandle openHandle(String interfaceName) throws LinkException {
    PcapHandle handle;
    try {
      handle = new PcapHandle.Builder(interfaceName)
          .snaplen(SNAPLEN)
          .promiscuousMode(PromiscuousMode.NONPROMISCUOUS)
          .timeoutMillis(READ_TIMEOUT_MILLIS)
          .immediateMode(true)
          .direction(PcapDirection.IN)
          .build();
    } catch (PcapNativeException e) {
      throw new LinkException(openFailure(interfaceName, e.getMessage()), e);
    }
    try {
      handle.setFilter(FILTER, BpfCompileMode.OPTIMIZE);
      return handle;
    } catch (PcapNativeException | NotOpenException e) {
      handle.close();
      throw new LinkException("cannot set the capture filter on " + interfaceName + ": " + e.getMessage(), e);
    }
  }

  private static String openFailure(String interfaceName, String detail) {
    String lower = String.valueOf(detail).toLowerCase();
    if (lower.contains("permission") || lower.contains("not permitted")) {
      return "capturing on " + interfaceName + " needs root or CAP_NET_RAW (" + detail + ")";
    }
    return "cannot capture on " + interfaceName + ": " + detail;
  }

  private static void closeQuietly(DatagramChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing the VRRP group membership failed", e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public MacAddress mac() {
    return mac;
  }

  @Override
  public Inet4Address primaryAddress() {
    return address;
  }

  /**
   * Sends one frame; a failure (interface down, say) is logged once per run of failures and the
   * frame is lost, as it would be on a dead cable: the VRRP timers deal with lost adverts.
   */
  @Override
  public synchronized void send(byte[] frame) {
    try {
      handle.sendPacket(frame);
      if (sendFailing) {
        sendFailing = false;
        log.info("sending on {} works again", name);
      }
    } catch (PcapNativeException | NotOpenException e) {
      if (!sendFailing) {
        sendFailing = true;
        log.warn("cannot send on {}: {}", name, e.getMessage());
      }
    }
  }

  @Override
  public void start(FrameListener listener) {
    Thread thread = new Thread(() -> receive(listener), "pcap-" + name);
    thread.setDaemon(true);
    receiver = thread;
    thread.start();
  }

  private void receive(FrameListener listener) {
    RawPacketListener deliver = frame -> {
      try {
        listener.received(frame, ageNanos(handle.getTimestamp(), Instant.now()));
      } catch (RuntimeException e) {
        log.error("handling a frame received on {} failed", name, e);
      }
    };
    try {
      handle.loop(-1, deliver);
    } catch (InterruptedException e) {
      // breakLoop(): the normal way out
    } catch (PcapNativeException | NotOpenException e) {
      if (!closed.get()) {
        log.error("receiving on {} stopped: {}", name, e.getMessage());
      }
    }
  }

  /**
   * How long ago the kernel captured the frame being delivered (pcap's timestamp, by the wall
   * clock). Measured on this lab: ~0.9 ms from the capture to the Java callback, which VRRP's
   * Master_Down_Interval would otherwise run late by.
   */
  static long ageNanos(Timestamp captured, Instant now) {
    long age = (now.getEpochSecond() - captured.getTime() / 1000) * 1_000_000_000L
        + now.getNano() - captured.getNanos();
    return age >= 0 && age <= MAX_AGE_NANOS ? age : 0;
  }

  /** Stops the receive thread and releases the handle; returns promptly even on an idle link. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Thread thread = receiver;
    if (thread != null) {
      try {
        handle.breakLoop();
        thread.join(STOP_WAIT_MILLIS);
      } catch (NotOpenException e) {
        log.debug("handle of {} already closed", name, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      handle.close();
    }
    closeQuietly(membership);
  }
}
