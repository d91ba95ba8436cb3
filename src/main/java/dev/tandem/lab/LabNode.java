package dev.tandem.lab;

/**
 * A host of the lab: its own network namespace whose {@code eth0} is joined to the lab's bridge.
 * {@code address} is eth0's primary address (192.0.2.0/24), {@code mac} its fixed MAC, so that
 * captures read the same from one run to the next.
 */
public record LabNode(String name, String namespace, String address, String mac) {
  public static final String INTERFACE = "eth0";
  public static final int PREFIX_LENGTH = 24;
}
