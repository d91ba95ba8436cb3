package dev.tandem.wire;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The VRRP message itself (RFC 3768 §5.1 for v2, RFC 5798 §5.2 for v3), over IPv4.
 *
 * <pre>
 *  v2: ver|type  vrid  priority  count | auth type  adver int (s)   checksum | addresses | auth data (8)
 *  v3: ver|type  vrid  priority  count | rsvd(4) max adver int (cs, 12 bits)  checksum | addresses
 * </pre>
 *
 * The v2 checksum covers the message only. The v3 checksum covers the IPv4 pseudo-header too
 * (RFC 5798, keepalived, FRR) or not (RFC 9568, Cisco, Juniper), hence the switch.
 */
public final class VrrpCodec {
  public static final int IP_PROTOCOL = 112;
  static final int HEADER_LENGTH = 8;
  static final int AUTH_DATA_LENGTH = 8;
  static final int OFF_VERSION_TYPE = 0;
  static final int OFF_VRID = 1;
  static final int OFF_PRIORITY = 2;
  static final int OFF_COUNT = 3;
  static final int OFF_AUTH_TYPE = 4;
  static final int OFF_V2_INTERVAL = 5;
  static final int OFF_V3_INTERVAL = 4;
  static final int OFF_CHECKSUM = 6;
  static final int V3_INTERVAL_MASK = 0x0FFF;

  private VrrpCodec() {}

  /**
   * The VRRP message for {@code advert}, checksum filled in. {@code v3PseudoHeader} is ignored for
   * v2. The v2 password is sent as its first 8 UTF-8 bytes, as keepalived sends its configured one.
   *
   * @throws IllegalArgumentException when a field does not fit its wire format
   */
  public static byte[] encode(VrrpAdvert advert, Inet4Address source, Inet4Address destination,
      boolean v3PseudoHeader) {
    validate(advert);
    int count = advert.addresses().size();
    byte[] m = new byte[messageLength(advert.version(), count)];
    m[OFF_VERSION_TYPE] = (byte) ((advert.version() << 4) | VrrpAdvert.TYPE_ADVERTISEMENT);
    m[OFF_VRID] = (byte) advert.vrid();
    m[OFF_PRIORITY] = (byte) advert.priority();
    m[OFF_COUNT] = (byte) count;
    if (advert.version() == 2) {
      m[OFF_AUTH_TYPE] = (byte) advert.authType();
      m[OFF_V2_INTERVAL] = (byte) (advert.intervalCentis() / 100);
    } else {
      Bytes.putShort(m, OFF_V3_INTERVAL, advert.intervalCentis());
    }
    for (int i = 0; i < count; i++) {
      Bytes.putAddress(m, HEADER_LENGTH + 4 * i, advert.addresses().get(i));
    }
    if (advert.version() == 2 && advert.authType() == VrrpAdvert.AUTH_SIMPLE_TEXT) {
      System.arraycopy(authData(advert.authPassword()), 0, m, HEADER_LENGTH + 4 * count, AUTH_DATA_LENGTH);
    }
    byte[] pseudoHeader = advert.version() == 3 && v3PseudoHeader
        ? pseudoHeader(source.getAddress(), destination.getAddress(), m.length)
        : null;
    Bytes.putShort(m, OFF_CHECKSUM, checksum(m, 0, m.length, pseudoHeader));
    return m;
  }

  /** Length of a message with {@code count} IPv4 addresses: v2 carries 8 bytes of auth data after them. */
  static int messageLength(int version, int count) {
    return HEADER_LENGTH + 4 * count + (version == 2 ? AUTH_DATA_LENGTH : 0);
  }

  /**
   * The checksum of {@code m[off, off + len)} preceded by {@code pseudoHeader} when not null. Over a
   * message whose checksum field is zero this is the value to send; over a received one, 0 means valid.
   */
  static int checksum(byte[] m, int off, int len, byte[] pseudoHeader) {
    long sum = pseudoHeader == null ? 0 : InternetChecksum.add(0, pseudoHeader, 0, pseudoHeader.length);
    return InternetChecksum.finish(InternetChecksum.add(sum, m, off, len));
  }

  /** source, destination, zero, protocol 112, VRRP message length (RFC 5798 §5.2.8). */
  static byte[] pseudoHeader(byte[] source, byte[] destination, int messageLength) {
    byte[] p = new byte[12];
    System.arraycopy(source, 0, p, 0, 4);
    System.arraycopy(destination, 0, p, 4, 4);
    p[9] = (byte) IP_PROTOCOL;
    Bytes.putShort(p, 10, messageLength);
    return p;
  }

  /** The 8 bytes of v2 simple-text auth data: the password's first 8 UTF-8 bytes, NUL-padded. */
  static byte[] authData(String password) {
    return Arrays.copyOf(password.getBytes(StandardCharsets.UTF_8), AUTH_DATA_LENGTH);
  }

  /** The password carried in 8 bytes of auth data, trailing NULs removed. */
  static String password(byte[] b, int off) {
    int len = AUTH_DATA_LENGTH;
    while (len > 0 && b[off + len - 1] == 0) {
      len--;
    }
    return new String(b, off, len, StandardCharsets.UTF_8);
  }

  /** A configured password as a receiver decodes it after a trip over the wire (8 significant bytes). */
  static String asSentOnWire(String password) {
    return password(authData(password), 0);
  }

  private static void validate(VrrpAdvert a) {
    require(a.version() == 2 || a.version() == 3, "VRRP version must be 2 or 3, not ", a.version(), "");
    require(a.vrid() >= 1 && a.vrid() <= 255, "VRID must be 1-255, not ", a.vrid(), "");
    require(a.priority() >= 0 && a.priority() <= 255, "priority must be 0-255, not ", a.priority(), "");
    require(a.addresses().size() <= 255, "at most 255 addresses fit an advert, not ", a.addresses().size(), "");
    if (a.version() == 2) {
      require(a.intervalCentis() % 100 == 0 && a.intervalCentis() >= 100 && a.intervalCentis() <= 25500,
          "a VRRPv2 advert interval is whole seconds 1-255, not ", a.intervalCentis(), " cs");
      require(a.authType() == VrrpAdvert.AUTH_NONE || a.authType() == VrrpAdvert.AUTH_SIMPLE_TEXT,
          "VRRPv2 auth type must be 0 (none) or 1 (simple text), not ", a.authType(), "");
    } else {
      require(a.intervalCentis() >= 1 && a.intervalCentis() <= V3_INTERVAL_MASK,
          "a VRRPv3 advert interval is 1-4095 cs, not ", a.intervalCentis(), "");
    }
  }

  /** The message is put together only on failure: every advert sent passes here. */
  private static void require(boolean condition, String message, int value, String unit) {
    if (!condition) {
      throw new IllegalArgumentException(message + value + unit);
    }
  }
}
