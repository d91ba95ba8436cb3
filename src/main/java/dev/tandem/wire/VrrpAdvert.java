package dev.tandem.wire;

import java.net.Inet4Address;
import java.util.List;

/**
 * A VRRP advertisement (RFC 3768 §5.1 for v2, RFC 5798 §5.2 for v3). The interval is held in
 * centiseconds for both versions (v2 carries whole seconds on the wire). {@code authType} and
 * {@code authPassword} are v2 only: 0 = none, 1 = simple text password (up to 8 bytes, NUL-padded
 * on the wire, trailing NULs removed here).
 */
public record VrrpAdvert(
    int version,
    int vrid,
    int priority,
    int intervalCentis,
    int authType,
    String authPassword,
    List<Inet4Address> addresses) {

  public static final int TYPE_ADVERTISEMENT = 1;
  public static final int AUTH_NONE = 0;
  public static final int AUTH_SIMPLE_TEXT = 1;

  public VrrpAdvert {
    addresses = List.copyOf(addresses);
  }
}
