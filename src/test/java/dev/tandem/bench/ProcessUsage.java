package dev.tandem.bench;

import dev.tandem.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A process's name, CPU time so far (utime + stime from {@code /proc/PID/stat}, without its reaped
 * children) and resident memory ({@code VmRSS} from {@code /proc/PID/status}).
 */
record ProcessUsage(long pid, String command, double cpuSeconds, double rssMiB) {
  /** /proc counts CPU in USER_HZ ticks, which the kernel fixes at 100 on every mainstream architecture. */
  private static final double TICKS_PER_SECOND = 100;

  static ProcessUsage of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which may contain spaces: state is field 3, utime 14, stime 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
      List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
      String rss = status.stream().filter(line -> line.startsWith("VmRSS:")).findFirst()
          .orElseThrow(() -> new LabException("no VmRSS for PID " + pid + " (a zombie?)"));
      double kib = Double.parseDouble(rss.replaceAll("[^0-9]", ""));
      String command = Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
      return new ProcessUsage(pid, command, ticks / TICKS_PER_SECOND, kib / 1024);
    } catch (IOException e) {
      throw new LabException("cannot read /proc for PID " + pid + ": " + e.getMessage());
    }
  }

  /** The process and every descendant running now; one that exits while being read is left out. */
  static List<ProcessUsage> tree(long pid) {
    ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new LabException("PID " + pid + " is gone"));
    List<ProcessUsage> usages = new ArrayList<>();
    for (ProcessHandle process : Stream.concat(Stream.of(root), root.descendants()).toList()) {
      try {
        usages.add(of(process.pid()));
      } catch (LabException e) {
        if (process.pid() == pid) {
          throw e;
        }
      }
    }
    return usages;
  }
}
