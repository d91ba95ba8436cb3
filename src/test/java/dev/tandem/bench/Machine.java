package dev.tandem.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine the figures were measured on, so that two reports can be told apart. */
public record Machine(Instant date, String nproc, String cpuModel, String kernel, String java, String keepalived) {

  public static Machine describe() {
    return new Machine(Instant.now().truncatedTo(ChronoUnit.SECONDS), firstLine(List.of("nproc")), readCpuModel(),
        read("/proc/sys/kernel/osrelease"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        firstLine(List.of("keepalived", "--version")));
  }

  public String markdown() {
    return "Date: " + date + "  \n"
        + "Machine: nproc " + nproc + ", " + cpuModel + ", Linux " + kernel + "  \n"
        + "Java: " + java + "  \n"
        + "keepalived: " + keepalived + "\n";
  }

  private static String readCpuModel() {
    return read("/proc/cpuinfo").lines().filter(line -> line.startsWith("model name")).findFirst()
        .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown CPU");
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** The first line a short command prints (stdout or stderr), or why there is none. */
  private static String firstLine(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return output.lines().findFirst().orElse("").strip();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    }
  }
}
