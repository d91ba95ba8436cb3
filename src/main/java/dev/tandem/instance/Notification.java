package dev.tandem.instance;

import dev.tandem.config.CommandWords;
import dev.tandem.config.NotifyConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One notification as keepalived 2.2.7 sends it (vrrp_notify.c, send_instance_notifies): the
 * state's own script with its own words only, then the generic script with `INSTANCE name STATE
 * priority` appended, and the FIFO line `INSTANCE "name" STATE priority`.
 */
record Notification(String instance, NotifyState state, int priority) {
  /** The commands to run, in keepalived's order, each as the words it is executed with. */
  List<List<String>> commands(NotifyConfig notify) {
    List<List<String>> commands = new ArrayList<>();
    words(stateScript(notify)).ifPresent(commands::add);
    words(notify.generic()).ifPresent(words -> {
      List<String> generic = new ArrayList<>(words);
      generic.addAll(List.of("INSTANCE", instance, state.name(), String.valueOf(priority)));
      commands.add(generic);
    });
    return commands;
  }

  String fifoLine() {
    return "INSTANCE \"" + instance + "\" " + state.name() + " " + priority;
  }

  /** The loader has refused command lines that do not split, so none is dropped here unseen. */
  private static Optional<List<String>> words(Optional<String> commandLine) {
    return commandLine.flatMap(CommandWords::split).filter(words -> !words.isEmpty());
  }

  private Optional<String> stateScript(NotifyConfig notify) {
    switch (state) {
      case MASTER:
        return notify.master();
      case BACKUP:
        return notify.backup();
      case FAULT:
        return notify.fault();
      default:
        return notify.stop();
    }
  }
}
