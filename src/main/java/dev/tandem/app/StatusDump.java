package dev.tandem.app;

import dev.tandem.instance.ControllerStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * keepalived's signal dumps (SIGUSR1: data, SIGUSR2: statistics) written as the {@code /status}
 * JSON. The file is written beside its final name and moved over it, so a reader never sees half a
 * dump and a symlink planted at the name is replaced, not followed.
 */
final class StatusDump {
  private final Path file;
  private final Supplier<ControllerStatus> status;

  StatusDump(Path file, Supplier<ControllerStatus> status) {
    this.file = file.toAbsolutePath();
    this.status = status;
  }

  Path file() {
    return file;
  }

  /** Writes the dump; throws with a message naming the file when it cannot. */
  void write() throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, StatusJson.render(status.get()), StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
