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
  private static final int ARP_LENGTH = 28;
  private static final int HARDWARE_ETHERNET = 1;
  private static final int OPERATION_REQUEST = 1;
  private static final int OPERATION_REPLY = 2;
  private static final int OFF_HARDWARE_TYPE = 0;
  private static final int OFF_PROTOCOL_TYPE = 2;
  private static final int OFF_HARDWARE_LENGTH = 4;
  private static final int OFF_PROTOCOL_LENGTH = 5;
  private static final int OFF_OPERATION = 6;
  private static final int OFF_SENDER_MAC = 8;
  private static final int OFF_SENDER_ADDRESS = 14;
  private static final int OFF_TARGET_MAC = 18;
  private static final int OFF_TARGET_ADDRESS = 24;

  private GratuitousArp() {}

  public static byte[] build(MacAddress sourceMac, Inet4Address address) {
    byte[] frame = new byte[EthernetHeader.LENGTH + ARP_LENGTH];
    EthernetHeader.write(frame, MacAddress.BROADCAST, sourceMac, EthernetHeader.TYPE_ARP);
    int a = EthernetHeader.LENGTH;
    Bytes.putShort(frame, a + OFF_HARDWARE_TYPE, HARDWARE_ETHERNET);
    Bytes.putShort(frame, a + OFF_PROTOCOL_TYPE, EthernetHeader.TYPE_IPV4);
    frame[a + OFF_HARDWARE_LENGTH] = 6;
    frame[a + OFF_PROTOCOL_LENGTH] = 4;
    Bytes.putShort(frame, a + OFF_OPERATION, OPERATION_REQUEST);
    sourceMac.write(frame, a + OFF_SENDER_MAC);
    Bytes.putAddress(frame, a + OFF_SENDER_ADDRESS, address);
    MacAddress.BROADCAST.write(frame, a + OFF_TARGET_MAC);
    Bytes.putAddress(frame, a + OFF_TARGET_ADDRESS, address);
    return frame;
  }

  /**
   * The claim an Ethernet/IPv4 ARP request or reply makes; empty for anything else, for truncated
   * frames and for ARP probes (sender address 0.0.0.0 claims nothing). Never throws.
   */
  public static Optional<ArpClaim> parseClaim(byte[] frame) {
    int a = EthernetHeader.LENGTH;
    if (EthernetHeader.etherType(frame) != EthernetHeader.TYPE_ARP || frame.length < a + ARP_LENGTH
        || Bytes.getShort(frame, a + OFF_HARDWARE_TYPE) != HARDWARE_ETHERNET
        || Bytes.getShort(frame, a + OFF_PROTOCOL_TYPE) != EthernetHeader.TYPE_IPV4
        || Bytes.getByte(frame, a + OFF_HARDWARE_LENGTH) != 6
        || Bytes.getByte(frame, a + OFF_PROTOCOL_LENGTH) != 4) {
      return Optional.empty();
    }
    int operation = Bytes.getShort(frame, a + OFF_OPERATION);
    Inet4Address sender = Bytes.getAddress(frame, a + OFF_SENDER_ADDRESS);
    if ((operation != OPERATION_REQUEST && operation != OPERATION_REPLY) || sender.isAnyLocalAddress()) {
      return Optional.empty();
    }
    return Optional.of(new ArpClaim(MacAddress.of(frame, a + OFF_SENDER_MAC), sender,
        Bytes.getAddress(frame, a + OFF_TARGET_ADDRESS), operation == OPERATION_REPLY));
  }
}
