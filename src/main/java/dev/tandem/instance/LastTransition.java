package dev.tandem.instance;

import dev.tandem.vrrp.VrrpState;
import java.time.Instant;

/** The latest state change of an instance and why, as journaled ({@link Cause}). */
public record LastTransition(VrrpState from, VrrpState to, Instant at, String kind, String reason) {}
