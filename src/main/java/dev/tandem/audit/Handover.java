package dev.tandem.audit;

/** How Master passed from one node to another in a failover episode. */
public enum Handover {
  /** The old master sent a priority-0 advert (stop, or Master to Fault): a graceful handover. */
  RELEASED("graceful: the old master released (priority 0)"),
  /** A router with a higher priority (or equal priority and higher address) took over. */
  PREEMPTED("preempted by a higher-priority router"),
  /** The new master stopped hearing the old one, which journaled no loss before: it died or was cut off. */
  SILENT("the old master went silent: died or cut off"),
  /** A node lost Master and none of the journals read shows who took over. */
  NO_TAKEOVER_SEEN("no takeover in the journals read");

  private final String description;

  Handover(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
