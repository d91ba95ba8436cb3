package dev.tandem.wire;

/**
 * The Internet checksum of RFC 1071: the ones' complement of the ones' complement sum of 16-bit
 * big-endian words. Shared by the IPv4 header, VRRP (with or without the IPv4 pseudo-header) and ICMP.
 * A region that already holds a correct checksum sums to a checksum of 0, which is how it is verified.
 */
public final class InternetChecksum {
  private InternetChecksum() {}

  /**
   * Adds the words of {@code b[off, off + len)} to a running sum; an odd last byte counts as its
   * word's high byte. Chain regions only after even lengths (pseudo-header, then message).
   */
  public static long add(long sum, byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    for (; i + 1 < end; i += 2) {
      sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
    if (i < end) {
      sum += (b[i] & 0xFF) << 8;
    }
    return sum;
  }

  /** Folds the carries back in and complements: the 16-bit value to put in a checksum field. */
  public static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }

  public static int of(byte[] b, int off, int len) {
    return finish(add(0, b, off, len));
  }
}
