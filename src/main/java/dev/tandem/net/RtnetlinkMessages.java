package dev.tandem.net;

import dev.tandem.config.VirtualAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rtnetlink messages the address table sends and reads (linux/netlink.h, rtnetlink.h,
 * if_addr.h): pure encoding and decoding, no I/O. Headers are in the host's byte order, addresses
 * in network order, every part aligned to 4 bytes.
 */
final class RtnetlinkMessages {
  static final int NLMSG_ERROR = 2;
  static final int NLMSG_DONE = 3;
  static final int RTM_NEWLINK = 16;
  static final int RTM_GETLINK = 18;
  static final int RTM_NEWADDR = 20;
  static final int RTM_DELADDR = 21;
  static final int RTM_GETADDR = 22;

  static final int NLM_F_REQUEST = 0x1;
  static final int NLM_F_MULTI = 0x2;
  static final int NLM_F_ACK = 0x4;
  static final int NLM_F_EXCL = 0x200;
  static final int NLM_F_CREATE = 0x400;
  static final int NLM_F_DUMP = 0x300;

  static final int AF_INET = 2;
  static final int IFA_ADDRESS = 1;
  static final int IFA_LOCAL = 2;
  static final int IFA_LABEL = 3;
  static final int IFLA_IFNAME = 3;
  static final int RT_SCOPE_UNIVERSE = 0;
  static final int RT_SCOPE_HOST = 254;

  static final int HEADER_LENGTH = 16;
  private static final int IFADDRMSG_LENGTH = 8;
  private static final int IFINFOMSG_LENGTH = 16;
  private static final int ATTRIBUTE_HEADER_LENGTH = 4;
  private static final ByteOrder HOST = ByteOrder.nativeOrder();

  private RtnetlinkMessages() {}

  /** One message of a reply: its header's fields and its payload (what follows the header). */
  record Message(int type, int flags, int sequence, ByteBuffer payload) {
    /** The last message of an answer: an error or acknowledgement, the end of a dump, or a single reply. */
    boolean ends() {
      return type == NLMSG_ERROR || type == NLMSG_DONE || (flags & NLM_F_MULTI) == 0;
    }

    /** The message with a payload of its own: a received one is a view of a buffer the next read overwrites. */
    Message copy() {
      ByteBuffer own = ByteBuffer.allocate(payload.remaining()).order(HOST);
      own.put(payload.duplicate()).flip();
      return new Message(type, flags, sequence, own);
    }
  }

  /** One IPv4 address of a dump: the index of its device and "a.b.c.d/len". */
  record Address(int deviceIndex, String cidr) {}

  /**
   * What {@code ip addr add A/len dev D [label L]} sends: the address as local and peer, no
   * broadcast, host scope for 127/8 and global otherwise. EXCL makes a present address an error the
   * caller can tell apart (EEXIST) instead of a silent replace.
   */
  static ByteBuffer addAddress(int sequence, int deviceIndex, VirtualAddress address) {
    String label = address.label().orElse(null);
    int scope = address.address().isLoopbackAddress() ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
    return addressMessage(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sequence, deviceIndex,
        address, scope, label);
  }

  /** What {@code ip addr del A/len dev D} sends: matched by local address, peer and prefix length. */
  static ByteBuffer removeAddress(int sequence, int deviceIndex, VirtualAddress address) {
    return addressMessage(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, sequence, deviceIndex, address, RT_SCOPE_UNIVERSE,
        null);
  }

  private static ByteBuffer addressMessage(int type, int flags, int sequence, int deviceIndex, VirtualAddress address,
      int scope, String label) {
    byte[] ip = address.address().getAddress();
    byte[] labelBytes = label == null ? null : nulTerminated(label);
    int length = HEADER_LENGTH + IFADDRMSG_LENGTH + 2 * attributeSpace(ip.length)
        + (labelBytes == null ? 0 : attributeSpace(labelBytes.length));
    ByteBuffer out = header(length, type, flags, sequence);
    ifaddrmsg(out, address.prefixLength(), scope, deviceIndex);
    attribute(out, IFA_LOCAL, ip);
    attribute(out, IFA_ADDRESS, ip);
    if (labelBytes != null) {
      attribute(out, IFA_LABEL, labelBytes);
    }
    return out.flip();
  }

  /** A dump of every IPv4 address of the namespace: the kernel filters a dump by device only on request, so the reader does. */
  static ByteBuffer dumpAddresses(int sequence) {
    ByteBuffer out = header(HEADER_LENGTH + IFADDRMSG_LENGTH, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, sequence);
    ifaddrmsg(out, 0, 0, 0);
    return out.flip();
  }

  /** Asks for one link by name; the answer is an RTM_NEWLINK with its index, or ENODEV. */
  static ByteBuffer getLink(int sequence, String device) {
    byte[] name = nulTerminated(device);
    ByteBuffer out = header(HEADER_LENGTH + IFINFOMSG_LENGTH + attributeSpace(name.length), RTM_GETLINK,
        NLM_F_REQUEST, sequence);
    out.put(new byte[IFINFOMSG_LENGTH]);
    attribute(out, IFLA_IFNAME, name);
    return out.flip();
  }

  /** The messages in {@code received} (from its position to its limit); a truncated last one is dropped. */
  static List<Message> split(ByteBuffer received) {
    ByteBuffer in = received.slice().order(HOST);
    List<Message> messages = new ArrayList<>();
    while (in.remaining() >= HEADER_LENGTH) {
      int start = in.position();
      int length = in.getInt(start);
      if (length < HEADER_LENGTH || length > in.remaining()) {
        break;
      }
      int type = Short.toUnsignedInt(in.getShort(start + 4));
      int flags = Short.toUnsignedInt(in.getShort(start + 6));
      int sequence = in.getInt(start + 8);
      ByteBuffer payload = in.slice(start + HEADER_LENGTH, length - HEADER_LENGTH).order(HOST);
      messages.add(new Message(type, flags, sequence, payload));
      in.position(Math.min(in.limit(), start + align(length)));
    }
    return messages;
  }

  /**
   * The errno of an NLMSG_ERROR (0 for an acknowledgement) or of an NLMSG_DONE (0 unless the dump
   * failed), positive: the kernel sends it negated.
   */
  static int errno(Message end) {
    return end.payload().limit() < 4 ? 0 : -end.payload().getInt(0);
  }

  /** The index in an RTM_NEWLINK. */
  static int linkIndex(Message link) {
    return link.payload().getInt(4);
  }

  /** An RTM_NEWADDR of a dump as device index and "a.b.c.d/len": IFA_LOCAL, or IFA_ADDRESS without one (as ip shows it). */
  static Optional<Address> address(Message message) {
    ByteBuffer p = message.payload();
    if (message.type() != RTM_NEWADDR || p.limit() < IFADDRMSG_LENGTH || Byte.toUnsignedInt(p.get(0)) != AF_INET) {
      return Optional.empty();
    }
    int prefixLength = Byte.toUnsignedInt(p.get(1));
    int deviceIndex = p.getInt(4);
    byte[] local = null;
    byte[] peer = null;
    int at = IFADDRMSG_LENGTH;
    while (at + ATTRIBUTE_HEADER_LENGTH <= p.limit()) {
      int length = Short.toUnsignedInt(p.getShort(at));
      int type = Short.toUnsignedInt(p.getShort(at + 2));
      if (length < ATTRIBUTE_HEADER_LENGTH || at + length > p.limit()) {
        break;
      }
      if (length == ATTRIBUTE_HEADER_LENGTH + 4 && (type == IFA_LOCAL || type == IFA_ADDRESS)) {
        byte[] ip = new byte[4];
        p.get(at + ATTRIBUTE_HEADER_LENGTH, ip);
        if (type == IFA_LOCAL) {
          local = ip;
        } else {
          peer = ip;
        }
      }
      at += align(length);
    }
    byte[] shown = local != null ? local : peer;
    if (shown == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Address(deviceIndex, InetAddress.getByAddress(shown).getHostAddress() + "/" + prefixLength));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an IPv4 address", e);
    }
  }

  private static ByteBuffer header(int length, int type, int flags, int sequence) {
    return ByteBuffer.allocate(length).order(HOST)
        .putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0);
  }

  private static void ifaddrmsg(ByteBuffer out, int prefixLength, int scope, int deviceIndex) {
    out.put((byte) AF_INET).put((byte) prefixLength).put((byte) 0).put((byte) scope).putInt(deviceIndex);
  }

  private static void attribute(ByteBuffer out, int type, byte[] data) {
    out.putShort((short) (ATTRIBUTE_HEADER_LENGTH + data.length)).putShort((short) type).put(data);
    out.position(out.position() + align(data.length) - data.length);
  }

  private static int attributeSpace(int dataLength) {
    return align(ATTRIBUTE_HEADER_LENGTH + dataLength);
  }

  private static byte[] nulTerminated(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    return out;
  }

  private static int align(int length) {
    return (length + 3) & ~3;
  }
}
