package dev.tandem.bench;

import dev.tandem.app.JournalDatabase;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.instance.StateChanged;
import dev.tandem.lab.Lab;
import dev.tandem.lab.LabConfigs;
import dev.tandem.lab.LabException;
import dev.tandem.lab.LabInstance;
import dev.tandem.lab.LabNode;
import dev.tandem.lab.LabProcess;
import dev.tandem.vrrp.VrrpState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code src/scripts/tandem run}: one JVM per node, which does everything itself. */
record TandemDaemon(Path jar, int rtPriority) implements Daemon {
  @Override
  public String name() {
    return "tandem";
  }

  @Override
  public LabProcess start(Lab lab, LabNode node, List<LabInstance> instances) {
    return lab.startTandem(node, jar, LabConfigs.tandem(node, lab.nodes(), instances)
        + LabConfigs.tandemRealtimePriority(rtPriority));
  }

  @Override
  public long vrrpPid(LabProcess process) {
    return process.pid();
  }

  /** From the node's journal, read with the audit's reader (the running daemon holds its lock). */
  @Override
  public List<TakeoverDecision> takeovers(Lab lab, LabNode node) {
    List<InstanceEvent> events;
    try {
      events = JournalDatabase.readAll(List.of(lab.journalDir(node)));
    } catch (Exception e) {
      throw new LabException("cannot read the journal of " + node.name() + ": " + e);
    }
    List<TakeoverDecision> takeovers = new ArrayList<>();
    for (InstanceEvent event : events) {
      if (event instanceof StateChanged changed && changed.to() == VrrpState.MASTER
          && changed.cause().kind().equals("master-down") && changed.cause().peerLastHeard().isPresent()) {
        takeovers.add(new TakeoverDecision(changed.cause().peerLastHeard().get(), changed.at()));
      }
    }
    return takeovers;
  }

  @Override
  public List<String> versionCommand() {
    List<String> command = new ArrayList<>(Lab.tandemCommand(jar));
    command.add("--version");
    return command;
  }
}
