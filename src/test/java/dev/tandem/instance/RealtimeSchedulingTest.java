package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tandem.testsupport.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RealtimeSchedulingTest {
  @Test
  void theCallingThreadAloneGetsRoundRobinAtThePriority() throws Exception {
    Environment.requireOrSkip("root".equals(System.getProperty("user.name")),
        "real-time scheduling needs root (CAP_SYS_NICE)");
    List<String> before = schedulingOf("self");
    // A thread of its own, which ends with the test: no pool thread of the test JVM stays real-time.
    FutureTask<List<String>> thread = new FutureTask<>(() -> {
      assertEquals(Optional.empty(), RealtimeScheduling.applyToCurrentThread(10));
      return schedulingOf("thread-self");
    });
    new Thread(thread, "realtime-test").start();
    assertEquals(List.of("2", "10"), thread.get(10, TimeUnit.SECONDS), "policy SCHED_RR, rt_priority 10");
    assertEquals(before, schedulingOf("self"), "the process's main thread keeps its scheduling");
  }

  @Test
  void threadsFromTheFactoryMoveThemselvesAndPriorityZeroLeavesTheFactoryAlone() throws Exception {
    Environment.requireOrSkip("root".equals(System.getProperty("user.name")),
        "real-time scheduling needs root (CAP_SYS_NICE)");
    ThreadFactory plain = Thread::new;
    assertSame(plain, RealtimeScheduling.threads(plain, 0, "test thread"));
    FutureTask<List<String>> task = new FutureTask<>(() -> schedulingOf("thread-self"));
    RealtimeScheduling.threads(plain, 9, "test thread").newThread(task).start();
    assertEquals(List.of("2", "9"), task.get(10, TimeUnit.SECONDS), "policy SCHED_RR, rt_priority 9");
  }

  @Test
  void anInvalidPriorityIsRefusedWithTheReason() {
    assertEquals(Optional.of("Invalid argument"), RealtimeScheduling.applyToCurrentThread(0));
  }

  /** Policy and rt_priority, fields 41 and 40 of /proc/.../stat (counted after the command name's parenthesis). */
  private static List<String> schedulingOf(String proc) {
    try {
      String stat = Files.readString(Path.of("/proc", proc, "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return List.of(fields[41 - 3], fields[40 - 3]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
