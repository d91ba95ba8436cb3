package dev.tandem.lab;

import java.time.Instant;

/** A gratuitous ARP seen on the lab's bridge: the MAC that claims {@code address}. */
public record WireGarp(Instant at, String address, String mac) {}
