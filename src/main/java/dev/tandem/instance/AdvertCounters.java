package dev.tandem.instance;

/**
 * What an instance has counted since it started: adverts sent and accepted, times it became Master
 * and left Master, and transitions of any kind (keepalived's per-instance statistics).
 */
public record AdvertCounters(
    long advertsSent, long advertsReceived, long becameMaster, long releasedMaster, long transitions) {

  public static AdvertCounters none() {
    return new AdvertCounters(0, 0, 0, 0, 0);
  }

  AdvertCounters sent() {
    return new AdvertCounters(advertsSent + 1, advertsReceived, becameMaster, releasedMaster, transitions);
  }

  AdvertCounters received() {
    return new AdvertCounters(advertsSent, advertsReceived + 1, becameMaster, releasedMaster, transitions);
  }

  AdvertCounters transition(boolean toMaster, boolean fromMaster) {
    return new AdvertCounters(advertsSent, advertsReceived, becameMaster + (toMaster ? 1 : 0),
        releasedMaster + (fromMaster ? 1 : 0), transitions + 1);
  }
}
