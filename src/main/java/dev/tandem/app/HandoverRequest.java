package dev.tandem.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How {@code tandem handover} asks a running {@code tandem run} for a zero-loss stop: a request
 * file beside the pid file, then SIGTERM. A signal of its own is not free (keepalived's SIGUSR1/2
 * are its dumps, which tandem keeps for operators), and a file needs no listener in the controller.
 */
final class HandoverRequest {
  private HandoverRequest() {}

  static Path requestFile(Path pidFile) {
    return pidFile.resolveSibling(pidFile.getFileName() + ".handover");
  }

  static void writePid(Path pidFile) throws IOException {
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
  }

  static void removePid(Path pidFile) {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the pid file " + pidFile, e);
    }
  }

  /** Whether a handover was requested; the request is used up. */
  static boolean take(Path pidFile) {
    try {
      return Files.deleteIfExists(requestFile(pidFile));
    } catch (IOException e) {
      return false;
    }
  }
}
