package dev.tandem.wire;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * Gratuitous ARP as keepalived 2.2.7 sends it on takeover, and the reading of any ARP frame as a
 * claim on an address (the split-brain detector's evidence).
 *
 * <p>keepalived's form: Ethernet broadcast from the NIC's MAC; ARP request, sender = target = the
 * VIP, target hardware address ff:ff:ff:ff:ff:ff; 42 bytes (the NIC pads to 60 where it must).
 */
public final class GratuitousArp {
  private GratuitousArp() {}

  public static byte[] build(MacAddress sourceMac, Inet4Address address) {
    return ArpFrame.build(MacAddress.BROADCAST, ArpFrame.OPERATION_REQUEST, sourceMac, address, MacAddress.BROADCAST,
        address);
  }

  /**
   * The claim an Ethernet/IPv4 ARP request or reply makes; empty for anything else, for truncated
   * frames and for ARP probes (sender address 0.0.0.0 claims nothing). Never throws.
   */
  public static Optional<ArpClaim> parseClaim(byte[] frame) {
    int a = EthernetHeader.LENGTH;
    if (EthernetHeader.etherType(frame) != EthernetHeader.TYPE_ARP || frame.length < a + ArpFrame.ARP_LENGTH
        || Bytes.getShort(frame, a + ArpFrame.OFF_HARDWARE_TYPE) != ArpFrame.HARDWARE_ETHERNET
        || Bytes.getShort(frame, a + ArpFrame.OFF_PROTOCOL_TYPE) != EthernetHeader.TYPE_IPV4
        || Bytes.getByte(frame, a + ArpFrame.OFF_HARDWARE_LENGTH) != 6
        || Bytes.getByte(frame, a + ArpFrame.OFF_PROTOCOL_LENGTH) != 4) {
      return Optional.empty();
    }
    int operation = Bytes.getShort(frame, a + ArpFrame.OFF_OPERATION);
    Inet4Address sender = Bytes.getAddress(frame, a + ArpFrame.OFF_SENDER_ADDRESS);
    boolean requestOrReply = operation == ArpFrame.OPERATION_REQUEST || operation == ArpFrame.OPERATION_REPLY;
    if (!requestOrReply || sender.isAnyLocalAddress()) {
      return Optional.empty();
    }
    return Optional.of(new ArpClaim(MacAddress.of(frame, a + ArpFrame.OFF_SENDER_MAC), sender,
        Bytes.getAddress(frame, a + ArpFrame.OFF_TARGET_ADDRESS), operation == ArpFrame.OPERATION_REPLY));
  }
}
