package dev.tandem.wire;

/** Why a received frame was not accepted as an advert for an instance (RFC 3768 / 5798 §7.1). */
public enum DiscardReason {
  MALFORMED_FRAME,
  TTL,
  VERSION,
  TYPE,
  LENGTH,
  CHECKSUM,
  UNKNOWN_VRID,
  AUTH_TYPE,
  AUTH_PASSWORD,
  INTERVAL_MISMATCH,
  ADDRESS_MISMATCH
}
