package dev.tandem.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: argv passed as is, exit status, bounded output, and the whole group killed on overrun. */
class ScriptProcessTest {
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  @Test
  void theWordsArriveAsArgumentsWithoutAShellAndTheExitStatusIsKept() {
    ScriptResult result = ScriptProcess.run(
        List.of("/bin/sh", "-c", "printf '%s|' \"$@\"; exit 3", "sh", "two words", "$HOME", "*"), GENEROUS);
    assertEquals(new ScriptResult(3, false, "two words|$HOME|*|"), result);
    assertFalse(result.succeeded());
  }

  @Test
  void aMissingCommandIsReportedAsAShellWould() {
    ScriptResult result = ScriptProcess.run(List.of(dir.resolve("missing.sh").toString()), GENEROUS);
    assertEquals(ScriptProcess.NOT_STARTED, result.exitStatus());
    assertTrue(result.output().contains("missing.sh"), result.output());
  }

  @Test
  void onlyTheStartOfALongOutputIsKept() {
    ScriptResult result = ScriptProcess.run(List.of("/bin/sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x"), GENEROUS);
    assertTrue(result.succeeded());
    assertEquals("x".repeat(ScriptProcess.MAX_OUTPUT_BYTES) + "...[truncated at 4096 bytes]", result.output());
  }

  @Test
  void anOverrunningScriptIsKilledWithEverythingItStarted() throws IOException {
    Path pids = dir.resolve("pids");
    ScriptResult result = ScriptProcess.run(List.of("/bin/sh", "-c",
        "sleep 300 & echo $$ $! > " + pids + "; echo started; wait"), Duration.ofMillis(300));
    assertTrue(result.timedOut());
    assertEquals(ScriptProcess.KILLED, result.exitStatus());
    assertEquals("started\n", result.output());
    for (String pid : Files.readString(pids).trim().split(" ")) {
      // Killed processes of the group are reaped by init a moment later: wait (bounded) for that.
      ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::onExit)
          .ifPresent(exit -> exit.orTimeout(10, TimeUnit.SECONDS).join());
      assertFalse(running(pid), "process " + pid + " of the script's group is gone");
    }
  }

  /** Alive and not a zombie waiting for init to reap it. */
  private static boolean running(String pid) throws IOException {
    Path stat = Path.of("/proc", pid, "stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String text = Files.readString(stat);
    return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
  }
}
