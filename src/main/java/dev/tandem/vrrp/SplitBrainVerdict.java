package dev.tandem.vrrp;

/** What {@link SplitBrainRules#decide} concludes. */
public sealed interface SplitBrainVerdict {
  /** Nothing to change: no dual master, or still yielded with reason to stay so. */
  record Stay() implements SplitBrainVerdict {}

  /** Dual master and this instance loses the tie-break: leave VRRP (Fault). */
  record Yield(SplitBrainEvidence evidence) implements SplitBrainVerdict {}

  /** The reason to yield is gone: back to Backup, VRRP decides from there. */
  record Resume(String reason) implements SplitBrainVerdict {}
}
