package dev.tandem.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.tandem.config.VirtualAddress;
import dev.tandem.net.RtnetlinkMessages.Address;
import dev.tandem.net.RtnetlinkMessages.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The host's addresses through an rtnetlink socket, as keepalived changes them: a request and its
 * acknowledgement are two system calls on the caller's thread (the kernel answers within the send),
 * where an {@code ip} process had to be woken and read back, 1.5-10 ms at a takeover.
 *
 * <p>The socket belongs to the network namespace of the thread that constructs the table, and
 * every device name is resolved through it (RTM_GETLINK, not if_nametoindex, which asks the calling
 * thread's namespace), so a table opened in another namespace works from any thread. Each answer is
 * matched by sequence number, so a late answer to a request that timed out is skipped; every wait
 * is bounded by {@link #REPLY_TIMEOUT_MILLIS}.
 */
public final class NetlinkAddressTable implements AddressTable, AutoCloseable {
  static final long REPLY_TIMEOUT_MILLIS = 2000;
  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_ROUTE = 0;
  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVTIMEO = 20;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  private static final int EEXIST = 17;
  private static final int ENODEV = 19;
  private static final int EADDRNOTAVAIL = 99;
  /** Room for a whole dump message: the kernel fills at most 32 KiB at a time. */
  private static final int RECEIVE_BUFFER = 64 * 1024;
  private static final int SEND_BUFFER = 1024;
  /** Interface names and labels: what the kernel accepts (IFNAMSIZ), without separators. */
  private static final Pattern NAME = Pattern.compile("[^\\s/]{1,15}");

  /**
   * The libc calls, mapped directly and with primitive types only (buffers as addresses, size_t as
   * long: 64-bit Linux), JNA's fast path: a takeover's calls neither go through a proxy nor convert.
   */
  private static final class Libc {
    static {
      Native.register("c");
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, long[] value, int length) throws LastErrorException;

    static native long send(int fd, long buffer, long length, int flags) throws LastErrorException;

    static native long recv(int fd, long buffer, long length, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native String strerror(int errno);
  }

  private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(SEND_BUFFER);
  private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER);
  private final long sendAddress = Pointer.nativeValue(Native.getDirectBufferPointer(sendBuffer));
  private final long receiveAddress = Pointer.nativeValue(Native.getDirectBufferPointer(receiveBuffer));
  private int socket;
  private int sequence;

  /** Opens the socket in the calling thread's network namespace. */
  public NetlinkAddressTable() {
    if (Native.LONG_SIZE != Long.BYTES) {
      throw new AddressTableException("the netlink address table needs a 64-bit JVM (size_t as long)");
    }
    try {
      socket = Libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    } catch (LastErrorException e) {
      throw new AddressTableException("cannot open a netlink socket: " + Libc.strerror(e.getErrorCode()));
    } catch (UnsatisfiedLinkError e) {
      throw new AddressTableException("cannot open a netlink socket: libc not found through JNA: " + e.getMessage());
    }
    long[] timeval = {REPLY_TIMEOUT_MILLIS / 1000, REPLY_TIMEOUT_MILLIS % 1000 * 1000};
    try {
      Libc.setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, timeval, timeval.length * Long.BYTES);
    } catch (LastErrorException e) {
      close();
      throw new AddressTableException("cannot bound the netlink socket's waits: " + Libc.strerror(e.getErrorCode()));
    }
  }

  /** Present already is no error, as in keepalived. */
  @Override
  public synchronized void add(String device, VirtualAddress address) {
    if (address.label().isPresent()) {
      checkedName(address.label().get());
    }
    int errno = change(true, device, address);
    if (errno != 0 && errno != EEXIST) {
      throw failure("cannot add " + address.cidr() + " to " + device, device, errno);
    }
  }

  /** Absent already is no error, as in keepalived. */
  @Override
  public synchronized void remove(String device, VirtualAddress address) {
    int errno = change(false, device, address);
    if (errno != 0 && errno != EADDRNOTAVAIL) {
      throw failure("cannot remove " + address.cidr() + " from " + device, device, errno);
    }
  }

  /** The errno of the change, 0 for done. */
  private int change(boolean add, String device, VirtualAddress address) {
    int index = deviceIndex(device);
    if (index < 0) {
      return -index;
    }
    int seq = ++sequence;
    return exchange(add ? RtnetlinkMessages.addAddress(seq, index, address)
        : RtnetlinkMessages.removeAddress(seq, index, address), seq, null);
  }

  /**
   * Resolves the device (a read, the same round trip a change makes) and builds both messages
   * unsent, so the first takeover neither loads classes nor links call sites.
   */
  @Override
  public synchronized void prepare(String device, VirtualAddress address) {
    try {
      int index = Math.max(0, deviceIndex(device));
      RtnetlinkMessages.addAddress(0, index, address);
      RtnetlinkMessages.removeAddress(0, index, address);
    } catch (AddressTableException e) {
      // a name the kernel cannot take: add and remove report it, where the binder handles their failures
    }
  }

  @Override
  public synchronized List<String> list(String device) {
    String action = "cannot list the addresses of " + device;
    int index = deviceIndex(device);
    if (index < 0) {
      throw failure(action, device, -index);
    }
    int seq = ++sequence;
    List<Message> dump = new ArrayList<>();
    int errno = exchange(RtnetlinkMessages.dumpAddresses(seq), seq, dump);
    if (errno != 0) {
      throw failure(action, device, errno);
    }
    return dump.stream().map(RtnetlinkMessages::address).flatMap(Optional::stream)
        .filter(a -> a.deviceIndex() == index).map(Address::cidr).toList();
  }

  /** The device's index in the socket's namespace, or the negated errno (ENODEV when there is none). */
  private int deviceIndex(String device) {
    int seq = ++sequence;
    List<Message> link = new ArrayList<>(1);
    int errno = exchange(RtnetlinkMessages.getLink(seq, checkedName(device)), seq, link);
    if (errno != 0) {
      return -errno;
    }
    if (link.size() != 1 || link.get(0).type() != RtnetlinkMessages.RTM_NEWLINK) {
      throw new AddressTableException("unexpected netlink answer about " + device + ": " + link);
    }
    return RtnetlinkMessages.linkIndex(link.get(0));
  }

  /**
   * Sends the request and reads its answer, copying its data messages into {@code data} (may be
   * null when it has none). Returns the kernel's errno, 0 for success; EAGAIN when none came in time.
   */
  private int exchange(ByteBuffer request, int seq, List<Message> data) {
    if (socket < 0) {
      throw new AddressTableException("the netlink address table is closed");
    }
    int length = request.remaining();
    sendBuffer.clear().put(request.duplicate());
    try {
      Libc.send(socket, sendAddress, length, 0);
    } catch (LastErrorException e) {
      return e.getErrorCode();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MILLIS);
    while (System.nanoTime() < deadline) {
      int received;
      try {
        received = (int) Libc.recv(socket, receiveAddress, RECEIVE_BUFFER, 0);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == EINTR) {
          continue;
        }
        return e.getErrorCode();
      }
      for (Message message : RtnetlinkMessages.split(receiveBuffer.clear().limit(received))) {
        if (message.sequence() != seq) {
          continue;
        }
        if (message.type() == RtnetlinkMessages.NLMSG_ERROR || message.type() == RtnetlinkMessages.NLMSG_DONE) {
          return RtnetlinkMessages.errno(message);
        }
        if (data != null) {
          data.add(message.copy());
        }
        if (message.ends()) {
          return 0;
        }
      }
    }
    return EAGAIN;
  }

  private static AddressTableException failure(String action, String device, int errno) {
    String reason = switch (errno) {
      case ENODEV -> "no such device " + device;
      case EAGAIN -> "no answer from the kernel within " + REPLY_TIMEOUT_MILLIS + " ms";
      default -> Libc.strerror(errno);
    };
    return new AddressTableException(action + ": " + reason);
  }

  private static String checkedName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new AddressTableException("not a valid interface name or label: \"" + name + "\"");
    }
    return name;
  }

  @Override
  public synchronized void close() {
    if (socket < 0) {
      return;
    }
    try {
      Libc.close(socket);
    } catch (LastErrorException e) {
      // nothing to do about it: the descriptor is released either way
    } finally {
      socket = -1;
    }
  }
}
