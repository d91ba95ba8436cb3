package dev.tandem.wire;

/** A 48-bit Ethernet address held in the low bits of a long. */
public record MacAddress(long value) {
  public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);

  public static MacAddress of(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 6; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return new MacAddress(v);
  }

  public static MacAddress parse(String s) {
    String[] parts = s.split("[:-]");
    if (parts.length != 6) {
      throw new IllegalArgumentException("not a MAC address: " + s);
    }
    long v = 0;
    for (String p : parts) {
      v = (v << 8) | Integer.parseInt(p, 16);
    }
    return new MacAddress(v);
  }

  /** 01:00:5e plus the low 23 bits of an IPv4 multicast group (RFC 1112). */
  public static MacAddress ipv4Multicast(java.net.Inet4Address group) {
    byte[] a = group.getAddress();
    return new MacAddress(0x01005E000000L | ((a[1] & 0x7FL) << 16) | ((a[2] & 0xFFL) << 8) | (a[3] & 0xFFL));
  }

  /** The VRRP virtual router MAC 00-00-5E-00-01-{VRID}. */
  public static MacAddress virtualRouter(int vrid) {
    return new MacAddress(0x00005E000100L | (vrid & 0xFF));
  }

  public void write(byte[] b, int off) {
    for (int i = 0; i < 6; i++) {
      b[off + i] = (byte) (value >>> (8 * (5 - i)));
    }
  }

  public byte[] bytes() {
    byte[] b = new byte[6];
    write(b, 0);
    return b;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(17);
    for (int i = 5; i >= 0; i--) {
      sb.append(String.format("%02x", (value >>> (8 * i)) & 0xFF));
      if (i > 0) {
        sb.append(':');
      }
    }
    return sb.toString();
  }
}
