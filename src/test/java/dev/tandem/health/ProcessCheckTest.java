package dev.tandem.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.config.CheckSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process check reads a pid file and /proc (a fake /proc for the zombie). */
class ProcessCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @TempDir
  Path dir;

  private CheckOutcome check(String pidFileText) throws IOException {
    Path pidFile = dir.resolve("app.pid");
    Files.writeString(pidFile, pidFileText);
    return new ProcessCheck(new CheckSpec.Process(pidFile)).run(TIMEOUT);
  }

  @Test
  void aRunningProcessIsHealthy() throws IOException {
    long self = ProcessHandle.current().pid();
    assertEquals(CheckOutcome.healthy("process " + self + " (" + dir.resolve("app.pid") + ") is running"),
        check(self + "\n"));
  }

  @Test
  void anEndedProcessFails() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    assertEquals(CheckOutcome.failed("process " + ended.pid() + " (" + dir.resolve("app.pid") + ") is not running"),
        check(Long.toString(ended.pid())));
  }

  @Test
  void aMissingOrEmptyPidFileFails() throws IOException {
    Path missing = dir.resolve("none.pid");
    assertEquals(CheckOutcome.failed("no pid file " + missing),
        new ProcessCheck(new CheckSpec.Process(missing)).run(TIMEOUT));
    assertEquals(CheckOutcome.failed(dir.resolve("app.pid") + " holds no pid"), check(""));
    assertEquals(CheckOutcome.failed(dir.resolve("app.pid") + " holds no pid"), check("nginx"));
  }

  @Test
  void aZombieIsNotRunningEvenWithParenthesesInItsName() throws IOException {
    Path proc = dir.resolve("proc");
    Files.createDirectories(proc.resolve("4242"));
    Files.writeString(proc.resolve("4242/stat"), "4242 (nginx: a) b) Z 1 4242 4242 0 -1 4194560");
    Path pidFile = dir.resolve("nginx.pid");
    Files.writeString(pidFile, "4242\n");
    assertEquals(CheckOutcome.failed("process 4242 (" + pidFile + ") is a zombie"),
        new ProcessCheck(new CheckSpec.Process(pidFile), proc).run(TIMEOUT));
  }
}
