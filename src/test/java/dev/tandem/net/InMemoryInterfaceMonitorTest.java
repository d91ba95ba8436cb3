package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract every monitor keeps: the current states first, then changes only, until closed. */
class InMemoryInterfaceMonitorTest {
  @Test
  void aSubscriberHearsTheCurrentStatesThenOnlyChanges() {
    InMemoryInterfaceMonitor monitor = new InMemoryInterfaceMonitor();
    monitor.set("eth0", true);
    monitor.set("eth1", false);
    List<InterfaceState> heard = new ArrayList<>();
    monitor.subscribe(heard::add);
    monitor.set("eth0", true);
    monitor.set("eth0", false);
    monitor.set("eth2", true);
    monitor.close();
    monitor.set("eth0", true);
    assertEquals(List.of(new InterfaceState("eth0", true), new InterfaceState("eth1", false),
        new InterfaceState("eth0", false), new InterfaceState("eth2", true)), heard);
    assertEquals(Map.of("eth0", true, "eth1", false, "eth2", true), monitor.current());
  }
}
