package dev.tandem.vrrp;

/** A change of state decided by one step of the machine. */
public record Transition(VrrpState from, VrrpState to, TransitionReason reason) {}
