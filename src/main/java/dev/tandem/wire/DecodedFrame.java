package dev.tandem.wire;

/** What {@link FrameDecoder} made of a frame: an advert, a VRRP frame it rejected, or not VRRP at all. */
public sealed interface DecodedFrame {

  /** Passed every frame-level check of §7.1; the per-instance checks are {@link AdvertFilter}'s. */
  record Advert(ReceivedAdvert advert) implements DecodedFrame {}

  /** An IPv4 protocol-112 frame that must be discarded; {@code vrid} is -1 when it could not be read. */
  record Rejected(int vrid, Discard discard) implements DecodedFrame {}

  /** Not IPv4 protocol 112: none of VRRP's business, not counted. */
  record NotVrrp() implements DecodedFrame {}
}
