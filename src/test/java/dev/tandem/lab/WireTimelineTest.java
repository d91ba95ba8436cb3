package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.wire.AdvertFrame;
import dev.tandem.wire.MacAddress;
import dev.tandem.wire.VrrpAdvert;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTimelineTest {
  private static final Instant T0 = Instant.parse("2026-11-22T21:00:00Z");

  @Test
  void readsKeepalivedsAdvertsAndGratuitousArpsWithTheirTimes() throws IOException {
    WireTimeline timeline = WireTimeline.of(PcapFile.records(golden("v2-vrid51.pcap")));

    List<WireAdvert> adverts = timeline.adverts(51, "192.0.2.11");
    assertEquals(List.of(150, 150, 150, 150, 0), adverts.stream().map(WireAdvert::priority).toList());
    Duration advertToFirstGarp = Duration.between(adverts.get(0).at(), timeline.garps().get(0).at());
    assertTrue(!advertToFirstGarp.isNegative() && advertToFirstGarp.toNanos() < 1_000_000,
        "microsecond timestamps kept: " + advertToFirstGarp);
    Duration interval = Duration.between(adverts.get(0).at(), adverts.get(1).at());
    assertTrue(interval.compareTo(Duration.ofMillis(999)) > 0 && interval.compareTo(Duration.ofMillis(1002)) < 0,
        "keepalived's 1 s interval, got " + interval);
    assertEquals(100, adverts.get(0).intervalCentis());
    assertEquals(5, timeline.garps("192.0.2.100").size());
    assertEquals("02:00:00:00:00:11", timeline.garps().get(0).mac());
    assertEquals(0, timeline.rejected());
    assertTrue(timeline.handovers(51).isEmpty());
  }

  @Test
  void aCaptureCutInTheMiddleOfARecordEndsBeforeIt() throws IOException {
    byte[] whole = golden("v3-vrid52.pcap");
    int records = PcapFile.records(whole).size();

    assertEquals(records - 1, PcapFile.records(Arrays.copyOf(whole, whole.length - 3)).size());
  }

  @Test
  void aHandoverIsTheLastAdvertOfOneSenderAndTheFirstOfTheNext() throws IOException {
    List<PcapRecord> records = List.of(
        advert("192.0.2.11", 150, 0),
        advert("192.0.2.11", 150, 1000),
        advert("192.0.2.12", 100, 4414),
        advert("192.0.2.12", 100, 5414),
        advert("192.0.2.11", 150, 6000),
        advert("192.0.2.11", 150, 7000));
    WireTimeline timeline = WireTimeline.of(records);

    assertEquals(2, timeline.handovers(51).size());
    Handover failover = timeline.handoverAfter(51, "192.0.2.11", "192.0.2.12", T0).orElseThrow();
    assertEquals(Duration.ofMillis(3414), failover.gap());
    Handover back = timeline.handoverAfter(51, "192.0.2.12", "192.0.2.11", T0).orElseThrow();
    assertEquals(T0.plusMillis(6000), back.firstOfNew().at());
    assertTrue(timeline.handoverAfter(51, "192.0.2.11", "192.0.2.12", T0.plusMillis(4414)).isEmpty());
    assertTrue(timeline.handoverAfter(52, "192.0.2.11", "192.0.2.12", T0).isEmpty());
  }

  private static PcapRecord advert(String source, int priority, long millis) throws IOException {
    Inet4Address from = (Inet4Address) InetAddress.getByName(source);
    Inet4Address group = (Inet4Address) InetAddress.getByName("224.0.0.18");
    VrrpAdvert advert = new VrrpAdvert(2, 51, priority, 100, VrrpAdvert.AUTH_NONE, "",
        List.of((Inet4Address) InetAddress.getByName("192.0.2.100")));
    byte[] frame = AdvertFrame.build(MacAddress.parse("02:00:00:00:00:01"), MacAddress.ipv4Multicast(group),
        from, group, 1, advert, false);
    return new PcapRecord(T0.plusMillis(millis), frame);
  }

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = WireTimelineTest.class.getResourceAsStream("/golden/" + name)) {
      return in.readAllBytes();
    }
  }
}
