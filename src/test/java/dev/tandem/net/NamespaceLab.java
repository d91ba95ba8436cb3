package dev.tandem.net;

import dev.tandem.testsupport.Environment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Network namespaces for one test, named {@code tnd<random>-<role>} so that parallel runs cannot
 * clash; the root namespace is never touched (every veth is created inside a namespace and its peer
 * moved to another). {@link #close} stops every process started here, by its own handle, and
 * deletes every namespace, whatever happened.
 */
final class NamespaceLab implements AutoCloseable {
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
  private static Boolean available;

  private final String prefix = "tnd" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
  private final List<String> namespaces = new ArrayList<>();
  private final List<Probe> probes = new ArrayList<>();

  /** Skips the calling test unless this process may create network namespaces. */
  static void requireNamespaces() {
    Environment.requireOrSkip(!Boolean.getBoolean("tandem.skipNetworkTests"),
        "network tests disabled by -Dtandem.skipNetworkTests=true");
    Environment.requireOrSkip(namespacesWork(), "needs root (CAP_NET_ADMIN, CAP_NET_RAW) and iproute2 to create"
        + " network namespaces");
  }

  private static synchronized boolean namespacesWork() {
    if (available == null) {
      try (NamespaceLab lab = new NamespaceLab()) {
        lab.namespace("probe");
        available = true;
      } catch (RuntimeException e) {
        available = false;
      }
    }
    return available;
  }

  String namespace(String role) {
    String name = prefix + "-" + role;
    run("ip", "netns", "add", name);
    namespaces.add(name);
    run("ip", "-n", name, "link", "set", "lo", "up");
    return name;
  }

  /** A veth pair between two namespaces (created in the first, its peer moved to the second), both up. */
  void veth(String namespace, String name, String peerNamespace, String peerName) {
    run("ip", "-n", namespace, "link", "add", name, "type", "veth", "peer", "name", peerName, "netns", peerNamespace);
    run("ip", "-n", namespace, "link", "set", name, "up");
    run("ip", "-n", peerNamespace, "link", "set", peerName, "up");
  }

  /** A bridge inside {@code namespace} joining the given interfaces of that namespace. */
  void bridge(String namespace, String name, String... ports) {
    run("ip", "-n", namespace, "link", "add", name, "type", "bridge");
    for (String port : ports) {
      run("ip", "-n", namespace, "link", "set", port, "master", name);
    }
    run("ip", "-n", namespace, "link", "set", name, "up");
  }

  String ip(String namespace, String... args) {
    return run(Stream.concat(Stream.of("ip", "-n", namespace), Stream.of(args)).toArray(String[]::new));
  }

  /** Runs a command to completion (bounded); its stdout, or an exception with its output. */
  static String run(String... argv) {
    Process p = null;
    try {
      Path out = Files.createTempFile("tnd", ".out");
      try {
        p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          throw new IllegalStateException(String.join(" ", argv) + " did not finish within " + COMMAND_TIMEOUT);
        }
        String text = Files.readString(out);
        if (p.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue() + ": " + text);
        }
        return text;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", argv) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", argv), e);
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  /** Starts {@code main} of a test class in a JVM inside {@code namespace}, optionally behind a wrapper. */
  Probe java(String namespace, List<String> wrapper, Class<?> main, String... args) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    argv.addAll(wrapper);
    argv.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    argv.addAll(List.of(args));
    try {
      Probe probe = new Probe(new ProcessBuilder(argv).redirectErrorStream(true).start());
      probes.add(probe);
      return probe;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + argv + ": " + e.getMessage(), e);
    }
  }

  /** A process whose output lines are read as they come; every wait is bounded. */
  static final class Probe {
    private static final String END = new String("end");
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    Probe(Process process) {
      this.process = process;
      Thread pump = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add("probe output failed: " + e.getMessage());
        } finally {
          lines.add(END);
        }
      }, "probe-output-" + process.pid());
      pump.setDaemon(true);
      pump.start();
    }

    /** Waits for the first line starting with one of the prefixes; fails with all output so far otherwise. */
    String awaitLine(Duration timeout, String... prefixes) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        String line;
        try {
          line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        if (line == null || line == END) {
          throw new AssertionError("no line starting with " + List.of(prefixes) + " within " + timeout
              + "; output: " + String.join("\n", seen));
        }
        seen.add(line);
        for (String prefix : prefixes) {
          if (line.startsWith(prefix)) {
            return line;
          }
        }
      }
    }

    /** Closes the process's stdin (the probes' signal to report and exit), then waits for the exit. */
    List<String> finish(Duration timeout) {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("probe did not exit within " + timeout + "; output: " + String.join("\n", seen));
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      return awaitEnd(Duration.ofSeconds(2));
    }

    private List<String> awaitEnd(Duration timeout) {
      try {
        for (String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS); line != null && line != END;
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          seen.add(line);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return seen;
    }

    void stop() {
      if (process.isAlive()) {
        process.destroy();
        try {
          if (!process.waitFor(2, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public void close() {
    probes.forEach(Probe::stop);
    List<String> failures = new ArrayList<>();
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      try {
        run("ip", "netns", "del", namespaces.get(i));
      } catch (IllegalStateException e) {
        failures.add(e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(String.join("; ", failures));
    }
  }
}
