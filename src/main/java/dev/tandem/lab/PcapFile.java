package dev.tandem.lab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic libpcap file format (what {@code tcpdump -w} writes), Ethernet link type only. A
 * capture still being written may end in a partial record: reading stops before it, so a running
 * capture can be read at any moment.
 */
public final class PcapFile {
  private static final int MAGIC_MICROS = 0xA1B2C3D4;
  private static final int MAGIC_NANOS = 0xA1B23C4D;
  private static final int LINKTYPE_ETHERNET = 1;
  static final int GLOBAL_HEADER = 24;
  private static final int RECORD_HEADER = 16;

  private PcapFile() {}

  /** The frames of a capture, in order, with their timestamps. */
  public static List<PcapRecord> records(byte[] file) {
    if (file.length < GLOBAL_HEADER) {
      throw new IllegalArgumentException("not a pcap file: " + file.length + " bytes, shorter than its header");
    }
    ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int magic = in.getInt(0);
    if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
      in.order(ByteOrder.BIG_ENDIAN);
      magic = in.getInt(0);
    }
    if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
      throw new IllegalArgumentException("not a pcap file (pcapng is not supported)");
    }
    if (in.getInt(20) != LINKTYPE_ETHERNET) {
      throw new IllegalArgumentException("not an Ethernet capture: link type " + in.getInt(20));
    }
    long nanosPerFraction = magic == MAGIC_NANOS ? 1 : 1000;
    List<PcapRecord> records = new ArrayList<>();
    in.position(GLOBAL_HEADER);
    while (in.remaining() >= RECORD_HEADER) {
      long seconds = Integer.toUnsignedLong(in.getInt());
      long fraction = Integer.toUnsignedLong(in.getInt());
      int captured = in.getInt();
      in.getInt();
      if (captured < 0 || captured > in.remaining()) {
        break;
      }
      byte[] frame = new byte[captured];
      in.get(frame);
      records.add(new PcapRecord(Instant.ofEpochSecond(seconds, fraction * nanosPerFraction), frame));
    }
    return records;
  }

  /** The frames of a capture, in order. */
  public static List<byte[]> parse(byte[] file) {
    return records(file).stream().map(PcapRecord::frame).toList();
  }

  public static List<PcapRecord> read(Path file) throws IOException {
    return records(Files.readAllBytes(file));
  }

  /** Writes frames one second apart, little-endian, microsecond timestamps. */
  public static void write(Path file, List<byte[]> frames) throws IOException {
    int size = GLOBAL_HEADER + frames.stream().mapToInt(f -> RECORD_HEADER + f.length).sum();
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
        .putInt(LINKTYPE_ETHERNET);
    for (int i = 0; i < frames.size(); i++) {
      byte[] frame = frames.get(i);
      out.putInt(i + 1).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
    }
    Files.write(file, out.array());
  }
}
