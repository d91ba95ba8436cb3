package dev.tandem.bench;

import dev.tandem.lab.Lab;
import dev.tandem.lab.LabConfigs;
import dev.tandem.lab.LabException;
import dev.tandem.lab.LabInstance;
import dev.tandem.lab.LabNode;
import dev.tandem.lab.LabProcess;
import java.util.List;

/** keepalived 2.2.7 with VRRP only (-P): a parent that supervises one VRRP child, which does the work. */
record KeepalivedDaemon(int rtPriority) implements Daemon {
  @Override
  public String name() {
    return "keepalived";
  }

  @Override
  public LabProcess start(Lab lab, LabNode node, List<LabInstance> instances) {
    return lab.startKeepalived(node, LabConfigs.keepalived(node, lab.nodes(), instances)
        + LabConfigs.keepalivedRealtimePriority(rtPriority));
  }

  @Override
  public long vrrpPid(LabProcess process) {
    List<ProcessHandle> children = ProcessHandle.of(process.pid()).map(p -> p.children().toList()).orElse(List.of());
    if (children.size() != 1) {
      throw new LabException("expected keepalived's one VRRP child under " + process + ", found " + children.size());
    }
    return children.get(0).pid();
  }

  /** keepalived logs its takeovers to the second only, and journals nothing. */
  @Override
  public List<TakeoverDecision> takeovers(Lab lab, LabNode node) {
    return List.of();
  }

  @Override
  public List<String> versionCommand() {
    return List.of("keepalived", "--version");
  }
}
