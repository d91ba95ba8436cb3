package dev.tandem.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads tandem.sync-groups against the instances read already. */
final class SyncGroupSection {
  private SyncGroupSection() {}

  static List<SyncGroupConfig> read(Map<String, SettingReader> groups, Set<String> instanceNames) {
    List<SyncGroupConfig> read = new ArrayList<>();
    Map<String, String> groupOf = new HashMap<>();
    groups.forEach((name, group) -> {
      Set<String> members = new LinkedHashSet<>(group.stringList("instances"));
      if (members.isEmpty()) {
        group.error("instances", "a sync group needs at least one instance");
      } else if (members.size() == 1) {
        // keepalived's own warning: a group of one syncs nothing.
        group.warning("instances", "sync group " + name + " has only 1 instance - this probably isn't what you want");
      }
      for (String member : members) {
        if (!instanceNames.contains(member)) {
          group.error("instances", "unknown instance " + member + ClosestName.among(member, instanceNames)
              .map(close -> "; did you mean " + close + "?").orElse(""));
        }
        String other = groupOf.putIfAbsent(member, name);
        if (other != null) {
          group.error("instances", "instance " + member + " is already in sync group " + other
              + " (an instance belongs to one group at most)");
        }
      }
      read.add(new SyncGroupConfig(name, List.copyOf(members), group.objectOrigin()));
    });
    return read;
  }
}
