package dev.tandem.config;

/**
 * What the split-brain detector does with an instance that loses a dual-master tie-break:
 * {@code YIELD} leaves VRRP until the peer's adverts arrive again or the peer stops being Master
 * (or stops answering); {@code STAY_STOPPED} leaves it until an operator restarts the controller,
 * as the seeds' check_split.sh does.
 */
public enum SplitBrainAction { YIELD, STAY_STOPPED }
