package dev.tandem.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** 224.0.0.18, where VRRP adverts go unless unicast peers are configured (RFC 3768 §5.2.2). */
public final class VrrpGroup {
  public static final Inet4Address ADDRESS = address();

  private VrrpGroup() {}

  private static Inet4Address address() {
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, 18});
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
