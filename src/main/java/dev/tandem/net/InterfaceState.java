package dev.tandem.net;

/** An interface and whether it can carry traffic: administratively up and with carrier (keepalived: UP and RUNNING). */
public record InterfaceState(String name, boolean up) {}
