package dev.tandem.net;

import dev.tandem.wire.ArpFrame;
import dev.tandem.wire.GratuitousArp;
import dev.tandem.wire.MacAddress;
import java.net.Inet4Address;

/**
 * A {@link Link} on an {@link InMemoryNetwork}; {@link #cut} simulates a dead cable. Like a host's
 * kernel, it answers ARP requests for its primary address, whether started or not.
 */
public final class InMemoryLink implements Link {
  private final InMemoryNetwork network;
  private final String name;
  private final MacAddress mac;
  private final Inet4Address address;
  private volatile FrameListener listener;
  private volatile boolean cut;

  InMemoryLink(InMemoryNetwork network, String name, MacAddress mac, Inet4Address address) {
    this.network = network;
    this.name = name;
    this.mac = mac;
    this.address = address;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public MacAddress mac() {
    return mac;
  }

  @Override
  public Inet4Address primaryAddress() {
    return address;
  }

  @Override
  public void send(byte[] frame) {
    network.carry(this, frame);
  }

  @Override
  public void start(FrameListener listener) {
    this.listener = listener;
  }

  public void cut(boolean cut) {
    this.cut = cut;
  }

  boolean isCut() {
    return cut;
  }

  void deliver(byte[] frame) {
    if (cut) {
      return;
    }
    GratuitousArp.parseClaim(frame)
        .filter(c -> !c.reply() && !c.isGratuitous() && c.target().equals(address))
        .ifPresent(c -> network.carry(this, ArpFrame.reply(mac, address, c.mac(), c.address())));
    FrameListener l = listener;
    if (l != null) {
      l.received(frame, 0);
    }
  }

  @Override
  public void close() {
    listener = null;
    network.remove(this);
  }
}
