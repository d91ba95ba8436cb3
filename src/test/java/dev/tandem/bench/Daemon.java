package dev.tandem.bench;

import dev.tandem.lab.Lab;
import dev.tandem.lab.LabInstance;
import dev.tandem.lab.LabNode;
import dev.tandem.lab.LabProcess;
import java.util.List;

/** A VRRP daemon the benchmark measures: tandem or keepalived, started on a lab node with the same instances. */
interface Daemon {
  String name();

  LabProcess start(Lab lab, LabNode node, List<LabInstance> instances);

  /** The process that sends and receives the adverts (keepalived forks a VRRP child for that). */
  long vrrpPid(LabProcess process);

  /**
   * The takeovers (Backup → Master after Master_Down or Skew_Time) the daemon recorded on that node,
   * read once it has stopped; empty for a daemon that keeps no such record.
   */
  List<TakeoverDecision> takeovers(Lab lab, LabNode node);

  /** A command that starts the program and exits at once: the cost of a bare start. */
  List<String> versionCommand();
}
