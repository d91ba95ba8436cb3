package dev.tandem.wire;

/** Ethernet II header: destination MAC, source MAC, EtherType (no 802.1Q tag: pcap sees frames untagged). */
final class EthernetHeader {
  static final int LENGTH = 14;
  static final int TYPE_IPV4 = 0x0800;
  static final int TYPE_ARP = 0x0806;

  private EthernetHeader() {}

  static void write(byte[] frame, MacAddress destination, MacAddress source, int etherType) {
    destination.write(frame, 0);
    source.write(frame, 6);
    Bytes.putShort(frame, 12, etherType);
  }

  /** The EtherType, or -1 when the frame is too short to have one. */
  static int etherType(byte[] frame) {
    return frame.length < LENGTH ? -1 : Bytes.getShort(frame, 12);
  }

  static MacAddress source(byte[] frame) {
    return MacAddress.of(frame, 6);
  }
}
