package dev.tandem.wire;

import java.net.Inet4Address;

/**
 * A whole advert frame as keepalived 2.2.7 puts it on the wire: Ethernet II, IPv4 (TOS 0xc0, no DF,
 * TTL 255, protocol 112) and the VRRP message. Without use_vmac the source MAC is the NIC's own.
 */
public final class AdvertFrame {
  private AdvertFrame() {}

  /**
   * @param destinationMac {@link MacAddress#ipv4Multicast} of 224.0.0.18, or a unicast peer's MAC
   *     (resolving it is the caller's job)
   * @param ipIdentification the IPv4 identification; only its low 16 bits are sent. keepalived lets
   *     the kernel count 1, 2, 3, ... per socket; a pcap sender has to count itself.
   */
  public static byte[] build(MacAddress sourceMac, MacAddress destinationMac, Inet4Address source,
      Inet4Address destination, int ipIdentification, VrrpAdvert advert, boolean v3PseudoHeader) {
    byte[] message = VrrpCodec.encode(advert, source, destination, v3PseudoHeader);
    byte[] frame = new byte[EthernetHeader.LENGTH + Ipv4Header.LENGTH + message.length];
    EthernetHeader.write(frame, destinationMac, sourceMac, EthernetHeader.TYPE_IPV4);
    Ipv4Header.write(frame, EthernetHeader.LENGTH, message.length, ipIdentification, VrrpCodec.IP_PROTOCOL,
        source, destination);
    System.arraycopy(message, 0, frame, EthernetHeader.LENGTH + Ipv4Header.LENGTH, message.length);
    return frame;
  }
}
