package dev.tandem.audit;

import dev.tandem.vrrp.VrrpState;
import java.time.Instant;

/** One node's instance was in {@code state} from {@code from} to {@code to} (its own clock). */
public record StateSpan(String instance, String node, VrrpState state, Instant from, Instant to) {}
