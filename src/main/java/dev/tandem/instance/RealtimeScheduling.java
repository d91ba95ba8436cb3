package dev.tandem.instance;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real-time scheduling (SCHED_RR, as keepalived's {@code vrrp_rt_priority} sets for its VRRP
 * process) for the calling thread only. On a busy host a thread of normal priority waits behind
 * others for a core after its timer fires; a real-time one runs at once. Only the VRRP thread gets
 * it: the journal, logging and scripts stay at normal priority, so they cannot hold it up, and the
 * kernel's real-time throttling keeps a real-time thread from taking a whole core for ever.
 */
final class RealtimeScheduling {
  /** The libc call Java has no equivalent for. */
  private interface LibC extends Library {
    int sched_setscheduler(int pid, int policy, int[] param);
  }

  private static final int SCHED_RR = 2;
  /** Its lines are the operator's, beside the instances' (Pekko's own loggers are quiet). */
  private static final Logger LOG = LoggerFactory.getLogger("tandem");

  private RealtimeScheduling() {}

  /**
   * Moves the calling thread to SCHED_RR at {@code priority} (1-99); empty when done, else why not
   * (e.g. "Operation not permitted" without CAP_SYS_NICE).
   */
  static Optional<String> applyToCurrentThread(int priority) {
    try {
      LibC libc = Native.load("c", LibC.class);
      if (libc.sched_setscheduler(currentThreadId(), SCHED_RR, new int[] {priority}) != 0) {
        return Optional.of(errno(Native.getLastError()));
      }
      return Optional.empty();
    } catch (IOException | UnsatisfiedLinkError e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Threads from {@code factory} that move themselves to real-time {@code priority} before their
   * first task, saying so (or why not: they run at normal priority then); {@code factory} itself
   * for priority 0.
   */
  static ThreadFactory threads(ThreadFactory factory, int priority, String what) {
    if (priority == 0) {
      return factory;
    }
    return task -> factory.newThread(() -> {
      applyToCurrentThread(priority).ifPresentOrElse(
          why -> LOG.warn("cannot give the {} real-time priority {}: {}; it runs at normal priority", what, priority, why),
          () -> LOG.info("{} running with real-time priority {} (SCHED_RR)", what, priority));
      task.run();
    });
  }

  /** The kernel's id of the calling thread: /proc/thread-self links to /proc/PID/task/TID. */
  static int currentThreadId() throws IOException {
    return Integer.parseInt(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
  }

  private static String errno(int code) {
    return switch (code) {
      case 1 -> "Operation not permitted (needs root or CAP_SYS_NICE)";
      case 22 -> "Invalid argument";
      default -> "errno " + code;
    };
  }
}
