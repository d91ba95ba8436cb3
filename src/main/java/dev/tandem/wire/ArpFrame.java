package dev.tandem.wire;

import java.net.Inet4Address;

/**
 * Ethernet/IPv4 ARP frames (RFC 826): the layout shared by gratuitous ARP, the requests that
 * resolve a unicast peer's MAC and the replies a host sends back. 42 bytes; the NIC pads to 60.
 */
public final class ArpFrame {
  static final int ARP_LENGTH = 28;
  static final int HARDWARE_ETHERNET = 1;
  static final int OPERATION_REQUEST = 1;
  static final int OPERATION_REPLY = 2;
  static final int OFF_HARDWARE_TYPE = 0;
  static final int OFF_PROTOCOL_TYPE = 2;
  static final int OFF_HARDWARE_LENGTH = 4;
  static final int OFF_PROTOCOL_LENGTH = 5;
  static final int OFF_OPERATION = 6;
  static final int OFF_SENDER_MAC = 8;
  static final int OFF_SENDER_ADDRESS = 14;
  static final int OFF_TARGET_MAC = 18;
  static final int OFF_TARGET_ADDRESS = 24;

  private ArpFrame() {}

  /**
   * "Who has {@code target}? Tell {@code sender}", broadcast. The target hardware address is zero,
   * as the Linux kernel sends it.
   */
  public static byte[] request(MacAddress senderMac, Inet4Address sender, Inet4Address target) {
    return build(MacAddress.BROADCAST, OPERATION_REQUEST, senderMac, sender, new MacAddress(0), target);
  }

  /** "{@code sender} is at {@code senderMac}", sent to the asker only. */
  public static byte[] reply(MacAddress senderMac, Inet4Address sender, MacAddress targetMac, Inet4Address target) {
    return build(targetMac, OPERATION_REPLY, senderMac, sender, targetMac, target);
  }

  static byte[] build(MacAddress destination, int operation, MacAddress senderMac, Inet4Address sender,
      MacAddress targetMac, Inet4Address target) {
    byte[] frame = new byte[EthernetHeader.LENGTH + ARP_LENGTH];
    EthernetHeader.write(frame, destination, senderMac, EthernetHeader.TYPE_ARP);
    int a = EthernetHeader.LENGTH;
    Bytes.putShort(frame, a + OFF_HARDWARE_TYPE, HARDWARE_ETHERNET);
    Bytes.putShort(frame, a + OFF_PROTOCOL_TYPE, EthernetHeader.TYPE_IPV4);
    frame[a + OFF_HARDWARE_LENGTH] = 6;
    frame[a + OFF_PROTOCOL_LENGTH] = 4;
    Bytes.putShort(frame, a + OFF_OPERATION, operation);
    senderMac.write(frame, a + OFF_SENDER_MAC);
    Bytes.putAddress(frame, a + OFF_SENDER_ADDRESS, sender);
    targetMac.write(frame, a + OFF_TARGET_MAC);
    Bytes.putAddress(frame, a + OFF_TARGET_ADDRESS, target);
    return frame;
  }
}
