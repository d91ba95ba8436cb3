package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.config.GarpConfig;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.NotifyConfig;
import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.instance.InstanceLab.Seen;
import dev.tandem.health.ScriptProcess;
import dev.tandem.health.ScriptResult;
import dev.tandem.health.ScriptRunner;
import dev.tandem.vrrp.VrrpState;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications under manual time: keepalived's scripts and arguments in transition order, the
 * FIFO lines, and a hung script that cannot hold up a takeover. Node a (priority 150) is alone, so
 * it becomes Master 3414 ms after its start.
 */
class NotifierTest {
  private static final GarpConfig GARP = new GarpConfig(Duration.ofSeconds(5), 5, Duration.ZERO, 1);
  private static final long BOUND_SECONDS = 10;

  private final InstanceLab lab = new InstanceLab();
  /** A daemon: if the instance never opens the FIFO, the reader's open never returns. */
  private final ExecutorService fifoReader = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "fifo-reader");
    thread.setDaemon(true);
    return thread;
  });
  private BufferedReader fifoLines;

  @TempDir
  Path dir;

  @AfterEach
  void close() throws IOException {
    lab.close();
    if (fifoLines != null) {
      fifoLines.close();
    }
    fifoReader.shutdownNow();
  }

  @Test
  void scriptsRunInTransitionOrderWithKeepalivedsArgumentsAndTheFifoGetsItsLines() throws Exception {
    TestProbe<List<String>> runs = lab.kit.createTestProbe();
    Node a = lab.start("a", 11, config(), recording(runs, new CountDownLatch(0)));
    runs.expectMessage(List.of("/n/backup", "two words"));
    runs.expectMessage(List.of("/n/any", "INSTANCE", "VI_1", "BACKUP", "150"));
    assertEquals("INSTANCE \"VI_1\" BACKUP 150", nextFifoLine());

    becomeMaster(a);
    runs.expectMessage(List.of("/n/master"));
    runs.expectMessage(List.of("/n/any", "INSTANCE", "VI_1", "MASTER", "150"));
    assertEquals("INSTANCE \"VI_1\" MASTER 150", nextFifoLine());

    lab.stop(a);
    runs.expectMessage(List.of("/n/stop"));
    runs.expectMessage(List.of("/n/any", "INSTANCE", "VI_1", "STOP", "150"));
    assertEquals("INSTANCE \"VI_1\" STOP 150", nextFifoLine());
  }

  @Test
  void aHungScriptHoldsUpNeitherTheTakeoverNorTheFifo() throws Exception {
    TestProbe<List<String>> runs = lab.kit.createTestProbe();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    ScriptRunner recording = recording(runs, release);
    Node a = lab.start("a", 11, config(), (argv, timeout) -> {
      started.incrementAndGet();
      return recording.run(argv, timeout);
    });
    runs.expectMessage(List.of("/n/backup", "two words"));

    becomeMaster(a);
    assertEquals("INSTANCE \"VI_1\" BACKUP 150", nextFifoLine());
    assertEquals("INSTANCE \"VI_1\" MASTER 150", nextFifoLine());
    assertEquals(1, started.get(), "the backup script still hangs; nothing else has started");

    release.countDown();
    runs.expectMessage(List.of("/n/any", "INSTANCE", "VI_1", "BACKUP", "150"));
    runs.expectMessage(List.of("/n/master"));
    runs.expectMessage(List.of("/n/any", "INSTANCE", "VI_1", "MASTER", "150"));
  }

  @Test
  void aScriptThatCannotRunIsSkippedAndTheRestStillRun() throws Exception {
    TestProbe<List<String>> runs = lab.kit.createTestProbe();
    ScriptRunner recording = recording(runs, new CountDownLatch(0));
    lab.start("a", 11, config(), (argv, timeout) -> {
      if (argv.get(0).equals("/n/backup")) {
        throw new IllegalStateException("cannot fork");
      }
      return recording.run(argv, timeout);
    });
    runs.expectMessage(List.of("/n/any", "INSTANCE", "VI_1", "BACKUP", "150"));
  }

  @Test
  void aRealGenericScriptGetsItsOwnWordsThenKeepalivedsFour() throws Exception {
    Path out = dir.resolve("out");
    Path script = dir.resolve("notify.sh");
    Files.writeString(script, "#!/bin/sh\nprintf '%s|' \"$@\" >> " + out + "\necho >> " + out + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    NotifyConfig notify = new NotifyConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(script + " 'first arg'"), Optional.empty());
    Node a = lab.start("a", 11, TestInstances.vi1(150, true, GARP, notify), ScriptProcess::run);
    becomeMaster(a);
    lab.wire.awaitAssert(Duration.ofSeconds(BOUND_SECONDS), () -> {
      assertEquals(List.of("first arg|INSTANCE|VI_1|BACKUP|150|", "first arg|INSTANCE|VI_1|MASTER|150|"),
          Files.exists(out) ? Files.readAllLines(out) : List.of());
      return null;
    });
  }

  private void becomeMaster(Node a) {
    lab.quietFor(3413);
    lab.advertAfter(1, new Seen("192.0.2.11", 150));
    lab.awaitState(a, VrrpState.MASTER);
  }

  private InstanceConfig config() throws Exception {
    Path fifo = dir.resolve("notify.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor(), "mkfifo");
    // Opening for reading waits for the instance to open it for writing: on the reader's own thread.
    fifoReader.submit(() -> fifoLines = new BufferedReader(new InputStreamReader(new FileInputStream(fifo.toFile()),
        StandardCharsets.UTF_8)));
    NotifyConfig notify = new NotifyConfig(Optional.of("/n/master"), Optional.of("/n/backup 'two words'"),
        Optional.of("/n/fault"), Optional.of("/n/stop"), Optional.of("/n/any"), Optional.of(fifo.toString()));
    return TestInstances.vi1(150, true, GARP, notify);
  }

  private String nextFifoLine() throws Exception {
    return fifoReader.submit(() -> fifoLines.readLine()).get(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  /** Reports each command to {@code runs}, then waits (bounded) for {@code release} before it succeeds. */
  private static ScriptRunner recording(TestProbe<List<String>> runs, CountDownLatch release) {
    return (argv, timeout) -> {
      runs.getRef().tell(argv);
      try {
        release.await(BOUND_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ScriptResult(0, false, "");
    };
  }
}
