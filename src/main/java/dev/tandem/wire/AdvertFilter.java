package dev.tandem.wire;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * The per-instance receive checks of RFC 3768 / 5798 §7.1, in keepalived 2.2.7's order and with its
 * log lines (without the "(VI_x) " prefix): VRID, version, v2 auth type, v2 password, v2 interval,
 * address count, v3 checksum form, address list. Priority 0 passes: that is the state machine's call.
 *
 * <p>Addresses follow keepalived 2.2.7, which ignores such an advert (later versions log and process
 * it): the count must equal the configured one, and every configured VIP must be in the advert, in
 * any order. With equal counts an extra address always means a missing one, and that is what it logs.
 * A v3 interval that differs is no discard: a backup adopts the master's (RFC 5798 §6.4.2).
 */
public final class AdvertFilter {
  private AdvertFilter() {}

  public static Optional<Discard> check(ReceivedAdvert received, Expectation expected) {
    VrrpAdvert advert = received.advert();
    if (advert.vrid() != expected.vrid()) {
      return discard(DiscardReason.UNKNOWN_VRID, "Unknown VRID(" + advert.vrid() + ") received, expecting "
          + expected.vrid() + ". ignoring...");
    }
    if (advert.version() != expected.version()) {
      return discard(DiscardReason.VERSION,
          "wrong version. Received " + advert.version() + " and expect " + expected.version());
    }
    if (advert.version() == 2) {
      Optional<Discard> v2 = checkV2(advert, expected);
      if (v2.isPresent()) {
        return v2;
      }
    }
    if (advert.addresses().size() != expected.addresses().size()) {
      return discard(DiscardReason.ADDRESS_MISMATCH, "received an unexpected ip number count "
          + advert.addresses().size() + ", expected " + expected.addresses().size() + "!");
    }
    if (advert.version() == 3 && received.checksumWithPseudoHeader() != expected.v3PseudoHeaderChecksum()) {
      return discard(DiscardReason.CHECKSUM, "Invalid VRRPv3 checksum (the sender computes it "
          + checksumForm(received.checksumWithPseudoHeader()) + ", this instance expects it "
          + checksumForm(expected.v3PseudoHeaderChecksum()) + ")");
    }
    for (Inet4Address address : expected.addresses()) {
      if (!advert.addresses().contains(address)) {
        return discard(DiscardReason.ADDRESS_MISMATCH, "ip address associated with VRID " + expected.vrid()
            + " not present in MASTER advert: " + address.getHostAddress());
      }
    }
    return Optional.empty();
  }

  private static Optional<Discard> checkV2(VrrpAdvert advert, Expectation expected) {
    if (advert.authType() != expected.authType()) {
      boolean known = advert.authType() <= 2;  // 2 is IPsec AH, which keepalived knows but tandem does not
      return discard(DiscardReason.AUTH_TYPE, known
          ? "received a " + advert.authType() + " auth, expecting " + expected.authType() + "!"
          : "Invalid auth type: " + advert.authType());
    }
    if (expected.authType() == VrrpAdvert.AUTH_SIMPLE_TEXT
        && !VrrpCodec.asSentOnWire(expected.authPassword()).equals(advert.authPassword())) {
      return discard(DiscardReason.AUTH_PASSWORD, "received an invalid passwd!");
    }
    if (advert.intervalCentis() != expected.intervalCentis()) {
      // Two masters with different intervals in one VRID would both stay master: keepalived drops it.
      return discard(DiscardReason.INTERVAL_MISMATCH, "advertisement interval mismatch mine="
          + expected.intervalCentis() / 100 + " sec rcv'd=" + advert.intervalCentis() / 100 + " sec");
    }
    return Optional.empty();
  }

  private static String checksumForm(boolean withPseudoHeader) {
    return withPseudoHeader ? "with the IPv4 pseudo-header (RFC 5798)" : "without the IPv4 pseudo-header (RFC 9568)";
  }

  private static Optional<Discard> discard(DiscardReason reason, String detail) {
    return Optional.of(new Discard(reason, detail));
  }
}
