package dev.tandem.vrrp;

/** What is known of a tracked check or interface: nothing yet, or its current verdict. */
public enum Health { UNKNOWN, HEALTHY, FAILED }
