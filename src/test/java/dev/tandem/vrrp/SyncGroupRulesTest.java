package dev.tandem.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** keepalived's vrrp_sync_group: what one member's transition or fault asks of the others. */
class SyncGroupRulesTest {
  private static final HeardMaster PEER = new HeardMaster(StateMachineRulesTest.HIGHER_IP, 150, 0);

  private static Optional<VrrpState> demand(VrrpState from, VrrpState to, TransitionReason reason) {
    return SyncGroupRules.demandOfOthers(new Transition(from, to, reason));
  }

  @Test
  void aTakeoverTakesTheOthersToMaster() {
    assertEquals(Optional.of(VrrpState.MASTER),
        demand(VrrpState.BACKUP, VrrpState.MASTER, new TransitionReason.MasterDown(Optional.of(PEER))));
    assertEquals(Optional.of(VrrpState.MASTER),
        demand(VrrpState.INITIALIZE, VrrpState.MASTER, new TransitionReason.AddressOwner()));
  }

  @Test
  void aPreemptedMasterTakesTheOthersToBackup() {
    assertEquals(Optional.of(VrrpState.BACKUP),
        demand(VrrpState.MASTER, VrrpState.BACKUP, new TransitionReason.PreemptedBy(PEER)));
  }

  @Test
  void forcedMovesFaultsStartsAndStopsDemandNothing() {
    assertEquals(Optional.empty(), demand(VrrpState.BACKUP, VrrpState.MASTER, new TransitionReason.SyncForced("g")));
    assertEquals(Optional.empty(), demand(VrrpState.MASTER, VrrpState.BACKUP, new TransitionReason.SyncForced("g")));
    assertEquals(Optional.empty(), demand(VrrpState.MASTER, VrrpState.FAULT, new TransitionReason.FaultRaised("x")));
    assertEquals(Optional.empty(), demand(VrrpState.FAULT, VrrpState.BACKUP, new TransitionReason.FaultCleared()));
    assertEquals(Optional.empty(), demand(VrrpState.INITIALIZE, VrrpState.BACKUP, new TransitionReason.Startup()));
    assertEquals(Optional.empty(), demand(VrrpState.MASTER, VrrpState.INITIALIZE, new TransitionReason.Shutdown()));
  }

  @Test
  void aFaultyMemberHoldsEveryOtherMemberInFaultUntilNoneIsFaulty() {
    SyncGroupFaults none = SyncGroupFaults.none("G1", List.of("VI_1", "VI_2", "VI_3"));
    SyncGroupFaults two = none.with("VI_2", true);
    Map<String, Optional<String>> held = new LinkedHashMap<>();
    held.put("VI_1", Optional.of("sync group G1: VI_2 entered FAULT"));
    held.put("VI_3", Optional.of("sync group G1: VI_2 entered FAULT"));
    assertEquals(held, two.changedHolds(none));
    assertEquals(Optional.empty(), two.holding("VI_2"));

    SyncGroupFaults twoAndOne = two.with("VI_1", true);
    assertEquals(Map.of("VI_2", Optional.of("sync group G1: VI_1 entered FAULT")), twoAndOne.changedHolds(two));

    SyncGroupFaults onlyOne = twoAndOne.with("VI_2", false);
    assertEquals(Map.of("VI_1", Optional.empty()), onlyOne.changedHolds(twoAndOne),
        "VI_1 is let go by the group (its own fault still holds it); VI_1 still holds the others");
    assertEquals(Optional.of("sync group G1: VI_1 entered FAULT"), onlyOne.holding("VI_3"));

    SyncGroupFaults cleared = onlyOne.with("VI_1", false);
    Map<String, Optional<String>> released = new LinkedHashMap<>();
    released.put("VI_2", Optional.empty());
    released.put("VI_3", Optional.empty());
    assertEquals(released, cleared.changedHolds(onlyOne));
  }
}
