package dev.tandem.vrrp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which members of a sync group are in Fault of their own accord (their checks, interfaces or
 * split-brain yield), in the group's member order. A member is held in Fault by the group while any
 * other member is faulty, and let go only when none is (keepalived leaves group Fault when the
 * group's fault count is back to zero).
 */
public record SyncGroupFaults(String group, List<String> members, List<String> faulty) {
  public SyncGroupFaults {
    members = List.copyOf(members);
    faulty = List.copyOf(faulty);
  }

  public static SyncGroupFaults none(String group, List<String> members) {
    return new SyncGroupFaults(group, members, List.of());
  }

  /** After {@code member}'s own fault set became non-empty ({@code faulty}) or empty. */
  public SyncGroupFaults with(String member, boolean isFaulty) {
    List<String> now = members.stream()
        .filter(m -> m.equals(member) ? isFaulty : faulty.contains(m))
        .toList();
    return new SyncGroupFaults(group, members, now);
  }

  /** The cause holding {@code member} in Fault: the first other member that is faulty, if any. */
  public Optional<String> holding(String member) {
    return faulty.stream()
        .filter(m -> !m.equals(member))
        .findFirst()
        .map(m -> SyncGroupRules.cause(group, m, VrrpState.FAULT));
  }

  /** The members whose hold changed from {@code before} to this, with their new hold (empty: released). */
  public Map<String, Optional<String>> changedHolds(SyncGroupFaults before) {
    Map<String, Optional<String>> changed = new LinkedHashMap<>();
    for (String member : members) {
      Optional<String> now = holding(member);
      if (now.isPresent() != before.holding(member).isPresent()) {
        changed.put(member, now);
      }
    }
    return changed;
  }
}
