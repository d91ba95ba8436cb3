package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two tandem nodes with split-brain detectors (1 s), VRRPv2 at 1 s, nginx on both and a client
 * requesting the VIP every 20 ms. VRRP is dropped by a bridge-family nftables rule on the lab
 * bridge, as a switch or firewall between the nodes would, while ICMP and ARP still flow.
 */
class SplitBrainIT extends TwoNodeLab {
  private static final Duration DETECTOR_INTERVAL = Duration.ofSeconds(1);
  /** Scheduling, JVM and log polling on a busy 2-core machine. */
  private static final Duration MARGIN = Duration.ofSeconds(1);
  private static final String VRRP = "ip protocol 112";
  private static final String YIELDED = "(VI_1) split-brain: peer";
  private static final String RESUMED = "(VI_1) split brain over";
  private static final String MASTER = "(VI_1) Entering MASTER STATE";
  private static final String BACKUP = "(VI_1) Entering BACKUP STATE";
  private static final Pattern TRANSITION = Pattern.compile("\\(VI_1\\) Entering [A-Z]+ STATE.*");

  @Override
  void requireTools() {
    super.requireTools();
    LabRequirements.requireNftables();
    LabRequirements.requireNginx();
  }

  @AfterEach
  void allowEverything() {
    lab.clearBridgeDrops();
  }

  @Test
  void withVrrpDroppedBothBecomeMasterThenTheLowerPriorityYieldsAndReturnsToBackupWhenVrrpFlows() {
    DetectedPair pair = startPair(LabInstance.v2("VI_1", 71, 150, "192.0.2.171/24"));
    LabProcess client = startClient(pair.vip());

    int lb2Masters = count(pair.onLb2(), MASTER);
    lab.dropOnBridge(VRRP);
    // The yield may come within milliseconds of the takeover: watch the log, not the VIP.
    assertTrue(Lab.waitFor(pair.lower().masterDownInterval().plus(BOUND), () -> count(pair.onLb2(), MASTER) > lb2Masters),
        "with VRRP dropped the backup takes over, as keepalived would: " + pair.onLb2().log());
    Instant dual = Instant.now();
    assertTrue(Lab.waitFor(DETECTOR_INTERVAL.multipliedBy(2).plus(MARGIN),
        () -> pair.onLb2().log().contains(YIELDED) && !lab.holds(lb2, pair.vip())),
        "within two detector intervals the lower priority yields: " + diagnosis(pair));
    System.out.printf("split brain: yield seen %s after the takeover was%n", Duration.between(dual, Instant.now()));
    assertTrue(lab.holds(lb1, pair.vip()), "the higher priority keeps the VIP: " + pair.onLb1().log());
    assertTrue(pair.onLb2().log().contains(YIELDED), pair.onLb2().log());
    assertTrue(pair.onLb2().log().contains("(VI_1) Entering FAULT STATE"), pair.onLb2().log());
    assertFalse(pair.onLb1().log().contains(YIELDED), "exactly one yields: " + pair.onLb1().log());
    assertTrue(Lab.waitFor(BOUND, () -> lastAnswers(client, 5).equals(List.of("lb1", "lb1", "lb1", "lb1", "lb1"))),
        "the client is served by the remaining master: " + lastAnswers(client, 10));

    int lb1Transitions = transitions(pair.onLb1());
    int lb2Transitions = transitions(pair.onLb2());
    lab.clearBridgeDrops();
    assertTrue(Lab.waitFor(BOUND, () -> pair.onLb2().log().contains(RESUMED)), pair.onLb2().log());
    assertTrue(Lab.waitFor(BOUND, () -> transitions(pair.onLb2()) == lb2Transitions + 1), pair.onLb2().log());
    // A few advert intervals more: nothing else moves.
    assertFalse(Lab.waitFor(pair.lower().masterDownInterval(), () -> transitions(pair.onLb2()) > lb2Transitions + 1
        || transitions(pair.onLb1()) > lb1Transitions), pair.onLb1().log() + pair.onLb2().log());
    assertTrue(lastTransition(pair.onLb2()).contains(BACKUP), "the yielded side is Backup: " + pair.onLb2().log());
    assertTrue(lab.holds(lb1, pair.vip()) && !lab.holds(lb2, pair.vip()));
    assertEquals(List.of("lb1", "lb1", "lb1", "lb1", "lb1"), lastAnswers(client, 5));
  }

  @Test
  void aKilledPeerControllerLeavesItsVipBehindButTheSurvivorDoesNotYield() {
    DetectedPair pair = startPair(LabInstance.v2("VI_1", 72, 150, "192.0.2.172/24"));
    System.out.printf("split brain: killing lb1 at %s%n", Instant.now());
    pair.onLb1().kill();
    assertTrue(Lab.waitFor(pair.lower().masterDownInterval().plus(BOUND), () -> lab.holds(lb2, pair.vip())),
        pair.onLb2().log());
    assertTrue(lab.holds(lb1, pair.vip()), "SIGKILL leaves the VIP on lb1, which still answers ARP for it");
    assertFalse(Lab.waitFor(DETECTOR_INTERVAL.multipliedBy(3), () -> !lab.holds(lb2, pair.vip())),
        "the survivor stays Master: " + pair.onLb2().log());
    assertFalse(pair.onLb2().log().contains(YIELDED), pair.onLb2().log());
  }

  @Test
  void anUnreachablePeerIsNoReasonToYield() {
    DetectedPair pair = startPair(LabInstance.v2("VI_1", 73, 150, "192.0.2.173/24"));
    lab.dropOnBridge("iifname vlb1 oifname vlb2");
    lab.dropOnBridge("iifname vlb2 oifname vlb1");
    assertTrue(Lab.waitFor(pair.lower().masterDownInterval().plus(BOUND), () -> lab.holds(lb2, pair.vip())),
        pair.onLb2().log());
    assertFalse(Lab.waitFor(DETECTOR_INTERVAL.multipliedBy(3),
        () -> !lab.holds(lb1, pair.vip()) || !lab.holds(lb2, pair.vip())),
        "neither hears the other, neither yields: " + pair.onLb1().log() + pair.onLb2().log());
    assertFalse(pair.onLb1().log().contains(YIELDED) || pair.onLb2().log().contains(YIELDED));
  }

  @Test
  void whenThePeerDiesWhileThisSideHasYieldedItTakesOver() {
    DetectedPair pair = startPair(LabInstance.v2("VI_1", 74, 150, "192.0.2.174/24"));
    lab.dropOnBridge(VRRP);
    assertTrue(Lab.waitFor(pair.lower().masterDownInterval().plus(BOUND), () -> pair.onLb2().log().contains(YIELDED)),
        pair.onLb2().log());
    assertTrue(Lab.waitFor(BOUND, () -> !lab.holds(lb2, pair.vip())), pair.onLb2().log());

    Instant killed = Instant.now();
    pair.onLb1().kill();
    // The peer's last report counts for 1.5 intervals, then Backup waits Master_Down_Interval.
    Duration bound = pair.lower().masterDownInterval().plus(DETECTOR_INTERVAL.multipliedBy(3).dividedBy(2)).plus(MARGIN);
    assertTrue(Lab.waitFor(bound, () -> lab.holds(lb2, pair.vip())),
        "takes over within Master_Down_Interval + 1.5 detector intervals: " + pair.onLb2().log());
    System.out.printf("split brain: takeover %s after the yielded-to peer was killed (bound %s)%n",
        Duration.between(killed, Instant.now()), bound);
    assertTrue(pair.onLb2().log().contains(RESUMED + ": peer 192.0.2.11 stopped answering"), pair.onLb2().log());
  }

  /** lb1 at the instance's priority (150), lb2 at 100, each detecting split brain against the other. */
  private DetectedPair startPair(LabInstance higher) {
    LabInstance lower = higher.withPriority(100).startingAsBackup();
    stopAfterTest(lab.startNginx(lb1));
    stopAfterTest(lab.startNginx(lb2));
    LabProcess first = startWithDetector(lb1, higher, lb2);
    awaitFirstMaster(first, higher);
    LabProcess second = startWithDetector(lb2, lower, lb1);
    DetectedPair pair = new DetectedPair(higher, lower, first, second);
    // Settled: lb1 holds the VIP and has advertised a few times since lb2 listens.
    assertTrue(Lab.waitFor(STARTUP, () -> lab.holds(lb1, pair.vip()) && !lab.holds(lb2, pair.vip())
        && second.log().contains(BACKUP) && lastAdvertIsFrom(higher.vrid(), lb1)), first.log() + second.log());
    Instant settled = Instant.now();
    assertTrue(Lab.waitFor(BOUND, () -> capture.timeline().adverts(higher.vrid(), lb1.address()).stream()
        .filter(a -> a.at().isAfter(settled)).count() >= 2), first.log() + second.log());
    return pair;
  }

  private LabProcess startWithDetector(LabNode node, LabInstance instance, LabNode peer) {
    String hocon = LabConfigs.tandem(node, lab.nodes(), List.of(instance)) + "tandem.instances." + instance.name()
        + ".split-brain { enabled = true, peers = [\"" + peer.address() + "\"], interval = "
        + DETECTOR_INTERVAL.toMillis() + "ms }\n";
    return stopAfterTest(lab.startTandem(node, jar, hocon));
  }

  /** curl asking for the VIP every 20 ms (--rate), each answer (a node's name) on its own line. */
  private LabProcess startClient(String vip) {
    return stopAfterTest(lab.start(lab.client(), "client",
        List.of("curl", "-s", "-m", "1", "--rate", "50/s", "http://" + vip + "/?n=[1-1000000]")));
  }

  /** Both nodes' logs and the adverts on the bridge, for a failure message. */
  private String diagnosis(DetectedPair pair) {
    return "\nlb1:\n" + pair.onLb1().log() + "\nlb2:\n" + pair.onLb2().log() + "\nadverts on the bridge:\n"
        + capture.timeline().adverts(pair.higher().vrid()).stream().map(a -> a.at() + " " + a.source() + " prio "
            + a.priority()).collect(Collectors.joining("\n"));
  }

  private static List<String> lastAnswers(LabProcess client, int count) {
    List<String> lines = Arrays.stream(client.log().split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    return lines.subList(Math.max(0, lines.size() - count), lines.size());
  }

  private static int transitions(LabProcess node) {
    Matcher m = TRANSITION.matcher(node.log());
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  private static int count(LabProcess node, String line) {
    return node.log().split(Pattern.quote(line), -1).length - 1;
  }

  private static String lastTransition(LabProcess node) {
    Matcher m = TRANSITION.matcher(node.log());
    String last = "";
    while (m.find()) {
      last = m.group();
    }
    return last;
  }

  private record DetectedPair(LabInstance higher, LabInstance lower, LabProcess onLb1, LabProcess onLb2) {
    String vip() {
      return higher.vipAddresses().get(0);
    }
  }
}
