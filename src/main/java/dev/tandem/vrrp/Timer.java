package dev.tandem.vrrp;

/** The RFC's two timers; the machine asks for them, the actor runs them. */
public enum Timer { MASTER_DOWN, ADVER }
