package dev.tandem.instance;

import dev.tandem.vrrp.Health;

/**
 * One result for a source the router tracks (a check's run, an interface's link state): the router
 * folds every kind through the same path into its tracking, journal and state machine.
 */
sealed interface TrackedReport permits RouterCommand.CheckReported, RouterCommand.InterfaceReported {
  /** The tracked source's name, as the tracking, logs and journal know it. */
  String source();

  boolean success();

  /** What the result was, for the journal ("exited with status 1", "link down"). */
  String detail();

  /** keepalived's log line for the source's new health; also the cause of a state change it brings. */
  String verdict(Health health);
}
