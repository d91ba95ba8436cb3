package dev.tandem.wire;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * Ethernet/IPv4/ICMP echo requests that carry an {@link InstanceReport}, the split-brain detector's
 * channel to its peer: the peer's kernel answers them like any ping (so a plain ping tool sees a
 * live host), and the peer's detector reads them off its capture. ICMP still flows where a firewall
 * drops VRRP, which is when the reports matter.
 *
 * <p>Payload, 16 bytes: magic "TNDM", version 1, VRID, state code, priority, primary IPv4 address,
 * report interval in milliseconds (32 bits). Decoding never throws and names what it rejected.
 */
public final class EchoFrame {
  static final int IP_PROTOCOL_ICMP = 1;
  static final int TYPE_ECHO_REQUEST = 8;
  static final int ICMP_HEADER_LENGTH = 8;
  static final int PAYLOAD_LENGTH = 16;
  static final int VERSION = 1;
  private static final byte[] MAGIC = {'T', 'N', 'D', 'M'};
  private static final int OFF_TYPE = 0;
  private static final int OFF_CODE = 1;
  private static final int OFF_CHECKSUM = 2;
  private static final int OFF_IDENTIFIER = 4;
  private static final int OFF_SEQUENCE = 6;
  private static final int OFF_VERSION = 4;
  private static final int OFF_VRID = 5;
  private static final int OFF_STATE = 6;
  private static final int OFF_PRIORITY = 7;
  private static final int OFF_ADDRESS = 8;
  private static final int OFF_INTERVAL = 12;

  private EchoFrame() {}

  /** An echo request from {@code source} to {@code destination} carrying {@code report}. */
  public static byte[] build(MacAddress sourceMac, MacAddress destinationMac, Inet4Address source,
      Inet4Address destination, int identifier, int sequence, InstanceReport report) {
    int icmpLength = ICMP_HEADER_LENGTH + PAYLOAD_LENGTH;
    byte[] frame = new byte[EthernetHeader.LENGTH + Ipv4Header.LENGTH + icmpLength];
    EthernetHeader.write(frame, destinationMac, sourceMac, EthernetHeader.TYPE_IPV4);
    Ipv4Header.write(frame, EthernetHeader.LENGTH, icmpLength, sequence, IP_PROTOCOL_ICMP, source, destination);
    int icmp = EthernetHeader.LENGTH + Ipv4Header.LENGTH;
    frame[icmp + OFF_TYPE] = (byte) TYPE_ECHO_REQUEST;
    Bytes.putShort(frame, icmp + OFF_IDENTIFIER, identifier);
    Bytes.putShort(frame, icmp + OFF_SEQUENCE, sequence);
    int p = icmp + ICMP_HEADER_LENGTH;
    System.arraycopy(MAGIC, 0, frame, p, MAGIC.length);
    frame[p + OFF_VERSION] = (byte) VERSION;
    frame[p + OFF_VRID] = (byte) report.vrid();
    frame[p + OFF_STATE] = (byte) report.state().code();
    frame[p + OFF_PRIORITY] = (byte) report.priority();
    Bytes.putAddress(frame, p + OFF_ADDRESS, report.primaryAddress());
    Bytes.putShort(frame, p + OFF_INTERVAL, (int) (report.intervalMillis() >>> 16));
    Bytes.putShort(frame, p + OFF_INTERVAL + 2, (int) report.intervalMillis());
    Bytes.putShort(frame, icmp + OFF_CHECKSUM, InternetChecksum.of(frame, icmp, icmpLength));
    return frame;
  }

  public static EchoReading decode(byte[] frame) {
    int ip = EthernetHeader.LENGTH;
    if (EthernetHeader.etherType(frame) != EthernetHeader.TYPE_IPV4 || frame.length < ip + Ipv4Header.LENGTH) {
      return no("not an IPv4 frame");
    }
    int headerLength = (Bytes.getByte(frame, ip + Ipv4Header.OFF_VERSION_IHL) & 0x0F) * 4;
    int totalLength = Bytes.getShort(frame, ip + Ipv4Header.OFF_TOTAL_LENGTH);
    if (Bytes.getByte(frame, ip + Ipv4Header.OFF_PROTOCOL) != IP_PROTOCOL_ICMP) {
      return no("not ICMP");
    }
    if (headerLength < Ipv4Header.LENGTH || totalLength > frame.length - ip || totalLength < headerLength) {
      return no("malformed IPv4 header");
    }
    if ((Bytes.getShort(frame, ip + Ipv4Header.OFF_FLAGS_FRAGMENT) & Ipv4Header.FRAGMENT_MASK) != 0) {
      return no("IPv4 fragment");
    }
    int icmp = ip + headerLength;
    int icmpLength = totalLength - headerLength;
    if (icmpLength < ICMP_HEADER_LENGTH) {
      return no("ICMP message truncated - " + icmpLength + " bytes");
    }
    if (Bytes.getByte(frame, icmp + OFF_TYPE) != TYPE_ECHO_REQUEST || Bytes.getByte(frame, icmp + OFF_CODE) != 0) {
      return no("not an ICMP echo request (type " + Bytes.getByte(frame, icmp + OFF_TYPE) + ")");
    }
    if (InternetChecksum.of(frame, icmp, icmpLength) != 0) {
      return no("invalid ICMP checksum");
    }
    return readPayload(frame, ip, icmp + ICMP_HEADER_LENGTH, icmpLength - ICMP_HEADER_LENGTH);
  }

  private static EchoReading readPayload(byte[] frame, int ip, int p, int length) {
    if (length != PAYLOAD_LENGTH) {
      return no("echo payload of " + length + " bytes, a tandem report has " + PAYLOAD_LENGTH);
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (frame[p + i] != MAGIC[i]) {
        return no("echo payload without tandem's magic");
      }
    }
    int version = Bytes.getByte(frame, p + OFF_VERSION);
    if (version != VERSION) {
      return no("tandem report version " + version + ", this tandem reads version " + VERSION);
    }
    int vrid = Bytes.getByte(frame, p + OFF_VRID);
    if (vrid == 0) {
      return no("tandem report for VRID 0");
    }
    int code = Bytes.getByte(frame, p + OFF_STATE);
    Optional<ReportedState> state = ReportedState.of(code);
    if (state.isEmpty()) {
      return no("tandem report with unknown state code " + code);
    }
    long interval = ((long) Bytes.getShort(frame, p + OFF_INTERVAL) << 16) | Bytes.getShort(frame, p + OFF_INTERVAL + 2);
    if (interval == 0) {
      return no("tandem report with a zero interval");
    }
    InstanceReport report = new InstanceReport(vrid, state.get(), Bytes.getByte(frame, p + OFF_PRIORITY),
        Bytes.getAddress(frame, p + OFF_ADDRESS), interval);
    return new EchoReading.Report(EthernetHeader.source(frame), Bytes.getAddress(frame, ip + Ipv4Header.OFF_SOURCE),
        report);
  }

  private static EchoReading no(String reason) {
    return new EchoReading.NotAReport(reason);
  }
}
