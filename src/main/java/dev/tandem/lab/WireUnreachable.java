package dev.tandem.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * An ICMP protocol-unreachable that a host's kernel sent back for a VRRP packet addressed to it:
 * what a host without a socket for IP protocol 112 does with a unicast advert. {@code from} is the
 * host that refused it, {@code to} the advert's sender, {@code vrid} the refused advert's.
 */
public record WireUnreachable(Instant at, String from, String to, int vrid) {
  private static final int ETHERNET_HEADER = 14;
  private static final int ETHER_TYPE_IPV4 = 0x0800;
  private static final int IPV4_HEADER = 20;
  private static final int IP_PROTOCOL = 9;
  private static final int IP_SOURCE = 12;
  private static final int IP_DESTINATION = 16;
  private static final int ICMP_HEADER = 8;
  private static final int VRRP_VRID = 1;
  private static final int PROTOCOL_ICMP = 1;
  private static final int PROTOCOL_VRRP = 112;
  private static final int TYPE_DESTINATION_UNREACHABLE = 3;
  private static final int CODE_PROTOCOL_UNREACHABLE = 2;

  /** The frame as such an answer, or empty when it is anything else. */
  static Optional<WireUnreachable> of(PcapRecord record) {
    byte[] f = record.frame();
    int ip = ETHERNET_HEADER;
    if (f.length < ip + IPV4_HEADER || (unsigned(f, ip - 2) << 8 | unsigned(f, ip - 1)) != ETHER_TYPE_IPV4
        || unsigned(f, ip + IP_PROTOCOL) != PROTOCOL_ICMP) {
      return Optional.empty();
    }
    // The ICMP message quotes the IP header and the first 8 bytes of the packet it refuses: VRRP's.
    int icmp = ip + (f[ip] & 0x0F) * 4;
    int quoted = icmp + ICMP_HEADER;
    if (f.length < quoted + IPV4_HEADER || unsigned(f, icmp) != TYPE_DESTINATION_UNREACHABLE
        || unsigned(f, icmp + 1) != CODE_PROTOCOL_UNREACHABLE || unsigned(f, quoted + IP_PROTOCOL) != PROTOCOL_VRRP) {
      return Optional.empty();
    }
    int quotedVrrp = quoted + (f[quoted] & 0x0F) * 4;
    if (f.length <= quotedVrrp + VRRP_VRID) {
      return Optional.empty();
    }
    int vrid = unsigned(f, quotedVrrp + VRRP_VRID);
    return Optional.of(new WireUnreachable(record.at(), address(f, ip + IP_SOURCE), address(f, ip + IP_DESTINATION),
        vrid));
  }

  private static int unsigned(byte[] frame, int offset) {
    return frame[offset] & 0xFF;
  }

  private static String address(byte[] frame, int offset) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(frame, offset, offset + 4)).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}
