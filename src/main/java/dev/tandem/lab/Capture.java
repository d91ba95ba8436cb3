package dev.tandem.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * tcpdump on the lab's bridge, writing VRRP, ARP and ICMP frames packet by packet ({@code -U}), so that
 * {@link #timeline()} can be read while it runs and once it is stopped.
 */
public final class Capture {
  private final LabProcess tcpdump;
  private final Path file;

  Capture(LabProcess tcpdump, Path file) {
    this.tcpdump = tcpdump;
    this.file = file;
  }

  public Path file() {
    return file;
  }

  public LabProcess process() {
    return tcpdump;
  }

  /** The frames captured so far. */
  public List<PcapRecord> records() {
    try {
      byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
      // tcpdump's buffered file header may reach the file only with the first packet.
      return bytes.length < PcapFile.GLOBAL_HEADER ? List.of() : PcapFile.records(bytes);
    } catch (IOException e) {
      throw new LabException("cannot read the capture " + file + ": " + e.getMessage());
    }
  }

  public WireTimeline timeline() {
    return WireTimeline.of(records());
  }

  /** Waits up to {@code bound} for {@link WireTimeline#handoverAfter} to be on the wire. */
  public Optional<Handover> awaitHandover(int vrid, String from, String to, Instant after, Duration bound) {
    Lab.waitFor(bound, () -> timeline().handoverAfter(vrid, from, to, after).isPresent());
    return timeline().handoverAfter(vrid, from, to, after);
  }
}
