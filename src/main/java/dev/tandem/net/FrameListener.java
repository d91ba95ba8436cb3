package dev.tandem.net;

/** Where a {@link Link} delivers what it receives, on the link's own thread. */
@FunctionalInterface
public interface FrameListener {
  /**
   * One received Ethernet frame. {@code ageNanos} is how long before this call the frame arrived,
   * by the link's own evidence (the kernel's capture time for pcap; 0 where there is none), so that
   * VRRP's timers can run from the arrival, not from the moment a thread got to it.
   */
  void received(byte[] frame, long ageNanos);
}
