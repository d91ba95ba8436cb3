package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem run} refusing a configuration, as a plain process in the root namespace: the
 * problem stops it before it opens any interface (the only interface named, tndnone0, exists
 * nowhere), so nothing here touches a network. Its working directory is the test's own, where the
 * default journal directory would appear had it started.
 */
class RunRefusesBadConfigIT {
  private static final Duration BOUND = Duration.ofSeconds(30);

  @TempDir
  Path dir;
  private Path jar;

  @BeforeEach
  void requireJar() {
    jar = LabRequirements.requireTandemJar();
  }

  @Test
  void aBrokenHoconConfigExits2WithItsFileAndLineAndStartsNothing() throws IOException {
    Path config = Files.writeString(dir.resolve("broken.conf"), "tandem {\n  global { node-id = lb1\n  instances {\n");

    String output = runExpectingConfigError(config);
    assertTrue(output.startsWith(config + ":4: error: "), output);
  }

  @Test
  void anInterfaceAbsentHereExits2NamingItAndStartsNothing() throws IOException {
    Path config = Files.writeString(dir.resolve("absent.conf"), """
        tandem {
          global { node-id = lb1 }
          instances {
            VI_1 {
              interface = tndnone0
              virtual-router-id = 51
              priority = 100
              virtual-addresses = ["192.0.2.100/24"]
            }
          }
        }
        """);

    String output = runExpectingConfigError(config);
    assertTrue(output.startsWith(config + ":5: error: tandem.instances.VI_1.interface: interface `tndnone0` does not"
        + " exist on this host (it has: "), output);
  }

  /** Runs {@code tandem run -c CONFIG}, checks that it exits 2 having started nothing, and returns its output. */
  private String runExpectingConfigError(Path config) throws IOException {
    Path log = dir.resolve("run.log");
    Process run = new ProcessBuilder(Lab.javaExecutable(), "-jar", jar.toString(), "run", "-c", config.toString())
        .directory(dir.toFile()).redirectInput(new File("/dev/null")).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      if (!run.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
        fail("tandem run did not exit within " + BOUND + ": " + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    } finally {
      run.destroyForcibly();
    }
    String output = Files.readString(log);
    assertEquals(2, run.exitValue(), output);
    assertEquals(1, output.lines().count(), "one line, the problem: " + output);
    assertFalse(output.contains("Starting tandem"), output);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(config.getFileName(), log.getFileName()), files.map(Path::getFileName).sorted().toList(),
          "no journal directory: it started nothing");
    }
    return output;
  }
}
