package dev.tandem.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testsupport.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: exit codes, bounded output, and a timeout that kills the whole group. */
class ShellCheckTest {
  private static final Duration GENEROUS = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  @BeforeAll
  static void needsSetsid() {
    Environment.requireOrSkip(Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid")),
        "setsid (util-linux) is not installed");
  }

  private static CheckOutcome run(String command, Duration timeout) {
    return new ShellCheck(command, Optional.empty()).run(timeout);
  }

  @Test
  void exitZeroIsHealthy() {
    assertEquals(new CheckOutcome(true, "exited with status 0", "up\n"), run("echo up", GENEROUS));
  }

  @Test
  void anyOtherExitCodeFailsWithIt() {
    assertEquals(new CheckOutcome(false, "exited with status 3", ""), run("exit 3", GENEROUS));
    assertEquals("exited with status 127", run("/nonexistent/check.sh", GENEROUS).detail());
  }

  @Test
  void printingFailedIsNotFailing() {
    assertTrue(run("echo failed; echo nginx is down >&2", GENEROUS).healthy());
  }

  @Test
  void stdoutAndStderrAreCapturedTogether() {
    assertEquals("out\nerr\n", run("echo out; echo err >&2", GENEROUS).output());
  }

  @Test
  void outputIsBoundedAndTheRestDiscarded() {
    CheckOutcome outcome = run("head -c 1000000 /dev/zero | tr '\\0' x", GENEROUS);
    assertTrue(outcome.healthy(), outcome.detail());
    assertEquals("x".repeat(ScriptProcess.MAX_OUTPUT_BYTES) + "...[truncated at 4096 bytes]", outcome.output());
  }

  @Test
  void aTimeoutKillsTheWholeGroupIncludingGrandchildren() throws Exception {
    Path pids = dir.resolve("pids");
    // The shell starts a background sleep (a grandchild of tandem's setsid) and waits on another.
    CheckOutcome outcome = run("sleep 60 & echo $! > " + pids + "; echo started; sleep 60", Duration.ofMillis(500));
    assertEquals(new CheckOutcome(false, "timed out after 500ms", "started\n"), outcome);
    long grandchild = Long.parseLong(Files.readString(pids).strip());
    assertGone(grandchild);
  }

  @Test
  void runsAsTheScriptUser() {
    Environment.requireOrSkip(HostUsers.system().runningAsRoot() && HostUsers.system().exists("nobody"),
        "running a script as another user needs root and the user nobody");
    CheckOutcome outcome = new ShellCheck("id -un", Optional.of(ScriptUser.parse("nobody"))).run(GENEROUS);
    assertEquals("nobody\n", outcome.output(), outcome.detail());
  }

  /** Gone, or a zombie waiting for init to reap it (the kill has done its work either way). */
  private static void assertGone(long pid) throws Exception {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isPresent() && !isZombie(pid)) {
      handle.get().onExit().get(5, TimeUnit.SECONDS);
    }
    assertFalse(ProcessHandle.of(pid).isPresent() && !isZombie(pid), "process " + pid + " still runs");
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
    } catch (IOException e) {
      return true;
    }
  }
}
