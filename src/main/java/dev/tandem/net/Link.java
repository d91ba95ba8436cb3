package dev.tandem.net;

import dev.tandem.wire.MacAddress;
import java.net.Inet4Address;

/**
 * One network interface as VRRP sees it: Ethernet frames out, Ethernet frames in. Implementations
 * deliver received frames on their own thread, never on an actor's, and never deliver the frames
 * they sent themselves.
 */
public interface Link extends AutoCloseable {
  String name();

  MacAddress mac();

  /** This host's own IPv4 address on the interface: the advert's source and the tie-breaker. */
  Inet4Address primaryAddress();

  /** Sends one complete Ethernet frame; safe to call from several threads. */
  void send(byte[] frame);

  /** Starts delivering received frames to {@code listener}; called once. */
  void start(FrameListener listener);

  @Override
  void close();
}
