package dev.tandem.wire;

import static dev.tandem.wire.WireFixtures.GROUP;
import static dev.tandem.wire.WireFixtures.GROUP_MAC;
import static dev.tandem.wire.WireFixtures.decodeAdvert;
import static dev.tandem.wire.WireFixtures.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Real keepalived 2.2.7, running golden configuration (a), judged frames tandem built
 * (golden/verdicts.sh); tandem must judge them the same, in the same words.
 */
class KeepalivedVerdictsTest {
  private static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:12");
  private static final Inet4Address PEER = ipv4("192.0.2.12");
  private static final Inet4Address VIP = ipv4("192.0.2.100");
  private static final Inet4Address OTHER = ipv4("192.0.2.200");
  /** golden/v2-vrid51.conf as the filter sees it. */
  private static final Expectation CONFIGURED = new Expectation(2, 51, 1, "1111", 100, true, List.of(VIP));
  /** keepalived's words when it accepts a higher-priority advert as Master. */
  private static final String ACCEPTED = "Master received advert from 192.0.2.12 with higher priority 200, ours 150";

  /** The frames, in the order verdicts.sh injects them: every one but the last is to be discarded. */
  private static Map<String, byte[]> frames() {
    Map<String, byte[]> frames = new LinkedHashMap<>();
    frames.put("extra-address", frame(new VrrpAdvert(2, 51, 200, 100, 1, "1111", List.of(VIP, OTHER)), false));
    frames.put("other-address", frame(new VrrpAdvert(2, 51, 200, 100, 1, "1111", List.of(OTHER)), false));
    frames.put("wrong-password", frame(new VrrpAdvert(2, 51, 200, 100, 1, "2222", List.of(VIP)), false));
    frames.put("no-auth", frame(new VrrpAdvert(2, 51, 200, 100, 0, "", List.of(VIP)), false));
    frames.put("interval-2s", frame(new VrrpAdvert(2, 51, 200, 200, 1, "1111", List.of(VIP)), false));
    frames.put("version-3", frame(new VrrpAdvert(3, 51, 200, 100, 0, "", List.of(VIP)), true));
    frames.put("valid", frame(new VrrpAdvert(2, 51, 200, 100, 1, "1111", List.of(VIP)), false));
    return frames;
  }

  @Test
  void verdictFramesAreTandemsFrames() throws IOException {
    String built = frames().entrySet().stream()
        .map(e -> e.getKey() + " " + HexFormat.of().formatHex(e.getValue()))
        .collect(Collectors.joining("\n", "", "\n"));
    assertEquals(built, resource("verdict-frames.txt").lines().filter(l -> !l.startsWith("#"))
        .collect(Collectors.joining("\n", "", "\n")), "regenerate golden/verdict-frames.txt and rerun verdicts.sh");
  }

  @Test
  void tandemJudgesEachFrameAsKeepalivedDidInItsWords() throws IOException {
    Map<String, byte[]> frames = frames();
    List<String> verdicts = resource("verdicts.txt").lines().collect(Collectors.toList());
    assertEquals(frames.size(), verdicts.size(), "one keepalived verdict per frame");
    for (String verdict : verdicts) {
      String[] nameAndLine = verdict.split("\t", 2);
      Optional<Discard> tandem = AdvertFilter.check(decodeAdvert(frames.get(nameAndLine[0])), CONFIGURED);
      String tandemWords = tandem.map(Discard::detail).orElse(ACCEPTED);
      assertEquals(nameAndLine[1], tandemWords, nameAndLine[0]);
    }
  }

  private static byte[] frame(VrrpAdvert advert, boolean pseudoHeader) {
    return AdvertFrame.build(PEER_MAC, GROUP_MAC, PEER, GROUP, 1, advert, pseudoHeader);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = KeepalivedVerdictsTest.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IOException("missing golden/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
