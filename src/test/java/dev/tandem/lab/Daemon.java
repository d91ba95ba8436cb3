package dev.tandem.lab;

import java.nio.file.Path;
import java.util.List;

/** The two VRRP daemons the network tests run side by side, configured from the same instances. */
enum Daemon {
  TANDEM("(VI_1) Entering BACKUP STATE"),
  // keepalived says it is Backup before it opens its VRRP sockets, and "Startup complete" after.
  KEEPALIVED("Startup complete");

  private final String listening;

  Daemon(String listening) {
    this.listening = listening;
  }

  /** The log line by which the daemon has started (keepalived: its VRRP sockets are open). */
  String listening() {
    return listening;
  }

  LabProcess start(Lab lab, LabNode node, Path tandemJar, List<LabInstance> instances) {
    return this == TANDEM
        ? lab.startTandem(node, tandemJar, LabConfigs.tandem(node, lab.nodes(), instances))
        : lab.startKeepalived(node, LabConfigs.keepalived(node, lab.nodes(), instances));
  }
}
