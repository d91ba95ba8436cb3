package dev.tandem.vrrp;

import java.net.Inet4Address;

/** The last advert heard from the current master: its sender, priority (0 = releasing) and when. */
public record HeardMaster(Inet4Address address, int priority, long heardAtNanos) {}
