package dev.tandem.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Big-endian field access shared by the header codecs. */
final class Bytes {
  private Bytes() {}

  static int getByte(byte[] b, int off) {
    return b[off] & 0xFF;
  }

  static int getShort(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  static void putShort(byte[] b, int off, int value) {
    b[off] = (byte) (value >>> 8);
    b[off + 1] = (byte) value;
  }

  static void putAddress(byte[] b, int off, Inet4Address address) {
    System.arraycopy(address.getAddress(), 0, b, off, 4);
  }

  static Inet4Address getAddress(byte[] b, int off) {
    byte[] raw = {b[off], b[off + 1], b[off + 2], b[off + 3]};
    try {
      return (Inet4Address) InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      // getByAddress only throws for a length other than 4 or 16
      throw new IllegalStateException(e);
    }
  }
}
