package dev.tandem.lab;

import java.nio.file.Path;
import java.util.List;

/** The two VRRP daemons the network tests run side by side, configured from the same instances. */
enum Daemon {
  TANDEM, KEEPALIVED;

  LabProcess start(Lab lab, LabNode node, Path tandemJar, List<LabInstance> instances) {
    return this == TANDEM
        ? lab.startTandem(node, tandemJar, LabConfigs.tandem(node.name(), instances))
        : lab.startKeepalived(node, LabConfigs.keepalived(node.name(), instances));
  }
}
