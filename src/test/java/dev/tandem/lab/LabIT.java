package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lab itself: namespaces up and down, processes started and stopped by their PIDs. */
class LabIT {

  @Test
  void buildsHostsJoinedByABridgeAndRemovesEveryNamespace() {
    LabRequirements.requireLab();
    Set<String> rootLinksBefore = rootLinks();
    List<String> namespaces;
    try (Lab lab = Lab.create("lb1", "lb2")) {
      namespaces = lab.namespaces();
      assertEquals(4, namespaces.size(), "bridge, lb1, lb2, client: " + namespaces);
      assertTrue(namespaces.stream().allMatch(n -> n.startsWith(lab.prefix()) && n.startsWith("tnd")));
      assertTrue(existingNamespaces().containsAll(namespaces));
      assertEquals(List.of("192.0.2.11"), lab.addresses(lab.node("lb1")));
      assertEquals(List.of("192.0.2.50"), lab.addresses(lab.client()));

      lab.exec(lab.node("lb1"), "ping", "-c", "1", "-W", "2", "192.0.2.12");
      lab.exec(lab.client(), "ping", "-c", "1", "-W", "2", "192.0.2.11");
      assertEquals(rootLinksBefore, rootLinks(), "the root namespace's links are untouched");
    }
    Set<String> after = existingNamespaces();
    assertTrue(namespaces.stream().noneMatch(after::contains), "left behind: " + after);
  }

  @Test
  void stopsEveryProcessItStartedByItsPid() {
    LabRequirements.requireLab();
    LabProcess nginx;
    try (Lab lab = Lab.create("lb1")) {
      nginx = lab.startNginx(lab.node("lb1"));
      assertTrue(Lab.waitFor(Duration.ofSeconds(5), () -> served(lab, "192.0.2.11").equals("lb1\n")),
          "nginx answers the client: " + nginx.log());

      LabProcess stubborn = lab.start(lab.node("lb1"), "stubborn",
          List.of("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done"));
      assertTrue(Lab.waitFor(Duration.ofSeconds(5), () -> stubborn.log().contains("ready")));
      assertEquals(128 + 9, stubborn.terminate(Duration.ofMillis(300)), "SIGKILL after SIGTERM was ignored");
      assertFalse(LabProcess.isLive(stubborn.pid()));
      assertTrue(nginx.isRunning());
    }
    assertFalse(LabProcess.isLive(nginx.pid()), "close() stopped nginx");
    assertEquals(0, nginx.exitCode().orElseThrow(), "nginx stopped by SIGTERM exits 0");
  }

  static String served(Lab lab, String address) {
    try {
      return lab.exec(lab.client(), "curl", "-s", "--max-time", "1", "http://" + address + "/");
    } catch (LabException e) {
      return "";
    }
  }

  private static Set<String> existingNamespaces() {
    return Arrays.stream(Commands.run(List.of("ip", "netns", "list")).split("\n"))
        .map(line -> line.split(" ")[0]).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  private static Set<String> rootLinks() {
    return Arrays.stream(Commands.run(List.of("ip", "-o", "link", "show")).split("\n"))
        .map(line -> line.split(":")[1].strip()).collect(Collectors.toSet());
  }
}
