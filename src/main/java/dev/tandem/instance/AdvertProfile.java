package dev.tandem.instance;

import dev.tandem.config.AuthType;
import dev.tandem.config.ChecksumMode;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.VirtualAddress;
import dev.tandem.wire.Expectation;
import dev.tandem.wire.VrrpAdvert;
import java.net.Inet4Address;
import java.util.List;

/** An instance's advert parameters in wire terms: what it sends and, the same, what it accepts. */
record AdvertProfile(
    int version,
    int vrid,
    int authType,
    String password,
    int intervalCentis,
    boolean pseudoHeader,
    List<Inet4Address> addresses) {

  static AdvertProfile of(InstanceConfig config) {
    boolean pass = config.version() == 2 && config.authType() == AuthType.PASS;
    return new AdvertProfile(
        config.version(),
        config.virtualRouterId(),
        pass ? VrrpAdvert.AUTH_SIMPLE_TEXT : VrrpAdvert.AUTH_NONE,
        pass ? config.authPassword() : "",
        config.advertIntervalCentis(),
        config.checksumMode() == ChecksumMode.WITH_PSEUDO_HEADER,
        config.virtualAddresses().stream().map(VirtualAddress::address).toList());
  }

  VrrpAdvert advert(int priority) {
    return new VrrpAdvert(version, vrid, priority, intervalCentis, authType, password, addresses);
  }

  Expectation expectation() {
    return new Expectation(version, vrid, authType, password, intervalCentis, pseudoHeader, addresses);
  }
}
