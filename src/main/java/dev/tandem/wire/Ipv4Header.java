package dev.tandem.wire;

import java.net.Inet4Address;

/**
 * The 20-byte IPv4 header tandem sends, laid out as keepalived 2.2.7 builds it: TOS 0xc0 (network
 * control), no DF, no fragmentation, no options. Offsets are from the start of the IP header.
 */
final class Ipv4Header {
  static final int LENGTH = 20;
  static final int TOS_NETWORK_CONTROL = 0xC0;
  static final int TTL_LINK_LOCAL = 255;

  static final int OFF_VERSION_IHL = 0;
  static final int OFF_TOTAL_LENGTH = 2;
  static final int OFF_FLAGS_FRAGMENT = 6;
  static final int OFF_TTL = 8;
  static final int OFF_PROTOCOL = 9;
  static final int OFF_SOURCE = 12;
  static final int OFF_DESTINATION = 16;
  private static final int OFF_TOS = 1;
  private static final int OFF_IDENTIFICATION = 4;
  private static final int OFF_CHECKSUM = 10;

  /** More-fragments flag and fragment offset: any of these set means a fragment. */
  static final int FRAGMENT_MASK = 0x3FFF;

  private Ipv4Header() {}

  static void write(byte[] b, int off, int payloadLength, int identification, int protocol,
      Inet4Address source, Inet4Address destination) {
    b[off + OFF_VERSION_IHL] = 0x45;
    b[off + OFF_TOS] = (byte) TOS_NETWORK_CONTROL;
    Bytes.putShort(b, off + OFF_TOTAL_LENGTH, LENGTH + payloadLength);
    Bytes.putShort(b, off + OFF_IDENTIFICATION, identification);
    Bytes.putShort(b, off + OFF_FLAGS_FRAGMENT, 0);
    b[off + OFF_TTL] = (byte) TTL_LINK_LOCAL;
    b[off + OFF_PROTOCOL] = (byte) protocol;
    Bytes.putShort(b, off + OFF_CHECKSUM, 0);
    Bytes.putAddress(b, off + OFF_SOURCE, source);
    Bytes.putAddress(b, off + OFF_DESTINATION, destination);
    Bytes.putShort(b, off + OFF_CHECKSUM, InternetChecksum.of(b, off, LENGTH));
  }
}
