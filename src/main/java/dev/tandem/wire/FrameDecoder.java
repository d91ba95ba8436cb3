package dev.tandem.wire;

import static dev.tandem.wire.VrrpCodec.HEADER_LENGTH;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * Ethernet + IPv4 + VRRP off the wire, with the frame-level receive checks of RFC 3768 / 5798 §7.1
 * in keepalived's order: header complete, TTL, version, type, length against the address count,
 * checksum. The detail strings are keepalived 2.2.7's log lines without the "(VI_x) " prefix, which
 * the caller knows. Never throws, whatever the input.
 *
 * <p>Two deliberate leniencies, both as keepalived: bytes after the IPv4 total length are Ethernet
 * padding and ignored; TTL is only checked for multicast destinations (keepalived skips the check in
 * unicast mode, where peers may be routed). {@link ReceivedAdvert#ttl()} keeps the value for callers.
 */
public final class FrameDecoder {
  private static final DecodedFrame NOT_VRRP = new DecodedFrame.NotVrrp();

  private FrameDecoder() {}

  public static DecodedFrame decode(byte[] frame) {
    int ip = EthernetHeader.LENGTH;
    if (EthernetHeader.etherType(frame) != EthernetHeader.TYPE_IPV4
        || frame.length <= ip + Ipv4Header.OFF_PROTOCOL
        || Bytes.getByte(frame, ip + Ipv4Header.OFF_PROTOCOL) != VrrpCodec.IP_PROTOCOL) {
      return NOT_VRRP;
    }
    int received = frame.length - ip;
    if (received < Ipv4Header.LENGTH) {
      return rejected(-1, DiscardReason.MALFORMED_FRAME, "IPv4 header truncated - " + received + " bytes");
    }
    int version = Bytes.getByte(frame, ip + Ipv4Header.OFF_VERSION_IHL) >>> 4;
    int headerLength = (Bytes.getByte(frame, ip + Ipv4Header.OFF_VERSION_IHL) & 0x0F) * 4;
    if (version != 4 || headerLength < Ipv4Header.LENGTH || headerLength > received) {
      return rejected(-1, DiscardReason.MALFORMED_FRAME, "invalid IPv4 header: version " + version
          + ", header length " + headerLength + ", received " + received + " bytes");
    }
    if (InternetChecksum.of(frame, ip, headerLength) != 0) {
      return rejected(-1, DiscardReason.MALFORMED_FRAME, "invalid IPv4 header checksum");
    }
    if ((Bytes.getShort(frame, ip + Ipv4Header.OFF_FLAGS_FRAGMENT) & Ipv4Header.FRAGMENT_MASK) != 0) {
      return rejected(-1, DiscardReason.MALFORMED_FRAME, "IPv4 fragment (an advert is never fragmented)");
    }
    int totalLength = Bytes.getShort(frame, ip + Ipv4Header.OFF_TOTAL_LENGTH);
    if (totalLength < headerLength) {
      return rejected(-1, DiscardReason.MALFORMED_FRAME,
          "IPv4 total length " + totalLength + " shorter than its header (" + headerLength + ")");
    }
    int vrrp = ip + headerLength;
    int vrid = Math.min(totalLength, received) > headerLength + VrrpCodec.OFF_VRID
        ? Bytes.getByte(frame, vrrp + VrrpCodec.OFF_VRID) : -1;
    if (totalLength > received) {
      return rejected(vrid, DiscardReason.LENGTH,
          "ip_tot_len mismatch against received length. " + totalLength + " and received " + received);
    }
    if (totalLength - headerLength < HEADER_LENGTH) {
      return rejected(vrid, DiscardReason.LENGTH, "IPv4 VRRP packet too short - " + totalLength + " bytes");
    }
    return decodeVrrp(frame, ip, headerLength, totalLength, vrid);
  }

  /** The VRRP part, once the IPv4 header is known to be sound and the whole datagram present. */
  private static DecodedFrame decodeVrrp(byte[] frame, int ip, int headerLength, int totalLength, int vrid) {
    int ttl = Bytes.getByte(frame, ip + Ipv4Header.OFF_TTL);
    Inet4Address destination = Bytes.getAddress(frame, ip + Ipv4Header.OFF_DESTINATION);
    if (destination.isMulticastAddress() && ttl != Ipv4Header.TTL_LINK_LOCAL) {
      return rejected(vrid, DiscardReason.TTL,
          "invalid TTL/HL. Received " + ttl + " and expect " + Ipv4Header.TTL_LINK_LOCAL);
    }
    int vrrp = ip + headerLength;
    int version = Bytes.getByte(frame, vrrp + VrrpCodec.OFF_VERSION_TYPE) >>> 4;
    int type = Bytes.getByte(frame, vrrp + VrrpCodec.OFF_VERSION_TYPE) & 0x0F;
    if (version != 2 && version != 3) {
      return rejected(vrid, DiscardReason.VERSION, "wrong version. Received " + version + " and expect 2 or 3");
    }
    if (type != VrrpAdvert.TYPE_ADVERTISEMENT) {
      return rejected(vrid, DiscardReason.TYPE,
          "Invalid packet type. " + type + " and expect " + VrrpAdvert.TYPE_ADVERTISEMENT);
    }
    int count = Bytes.getByte(frame, vrrp + VrrpCodec.OFF_COUNT);
    int messageLength = totalLength - headerLength;
    int expectedLength = VrrpCodec.messageLength(version, count);
    if (messageLength != expectedLength) {
      return rejected(vrid, DiscardReason.LENGTH, "vrrp packet too "
          + (messageLength > expectedLength ? "long" : "short") + ", length " + totalLength
          + " and expect " + (headerLength + expectedLength));
    }
    Inet4Address source = Bytes.getAddress(frame, ip + Ipv4Header.OFF_SOURCE);
    boolean validWithout = VrrpCodec.checksum(frame, vrrp, messageLength, null) == 0;
    boolean validWith = version == 3 && VrrpCodec.checksum(frame, vrrp, messageLength,
        VrrpCodec.pseudoHeader(source.getAddress(), destination.getAddress(), messageLength)) == 0;
    if (!validWithout && !validWith) {
      return rejected(vrid, DiscardReason.CHECKSUM, "Invalid VRRPv" + version + " checksum");
    }
    // A v3 sum that happens to verify both ways counts as RFC 5798's form, keepalived's.
    boolean withPseudoHeader = validWith;
    VrrpAdvert advert = parseAdvert(frame, vrrp, version, count);
    return new DecodedFrame.Advert(new ReceivedAdvert(EthernetHeader.source(frame), source, destination, ttl,
        withPseudoHeader, advert));
  }

  private static VrrpAdvert parseAdvert(byte[] frame, int vrrp, int version, int count) {
    List<Inet4Address> addresses = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      addresses.add(Bytes.getAddress(frame, vrrp + HEADER_LENGTH + 4 * i));
    }
    int authType = VrrpAdvert.AUTH_NONE;
    String password = "";
    int intervalCentis;
    if (version == 2) {
      authType = Bytes.getByte(frame, vrrp + VrrpCodec.OFF_AUTH_TYPE);
      intervalCentis = Bytes.getByte(frame, vrrp + VrrpCodec.OFF_V2_INTERVAL) * 100;
      if (authType == VrrpAdvert.AUTH_SIMPLE_TEXT) {
        password = VrrpCodec.password(frame, vrrp + HEADER_LENGTH + 4 * count);
      }
    } else {
      intervalCentis = Bytes.getShort(frame, vrrp + VrrpCodec.OFF_V3_INTERVAL) & VrrpCodec.V3_INTERVAL_MASK;
    }
    return new VrrpAdvert(version, Bytes.getByte(frame, vrrp + VrrpCodec.OFF_VRID),
        Bytes.getByte(frame, vrrp + VrrpCodec.OFF_PRIORITY), intervalCentis, authType, password, addresses);
  }

  private static DecodedFrame rejected(int vrid, DiscardReason reason, String detail) {
    return new DecodedFrame.Rejected(vrid, new Discard(reason, detail));
  }
}
