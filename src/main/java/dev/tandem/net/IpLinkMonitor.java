package dev.tandem.net;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interface states from the kernel: a long-running {@code ip -o monitor link} reports each change
 * within milliseconds, and one {@code ip -o link show}, read after the monitor has started so that
 * no change falls between the two, gives the states at start. Both print the same one-line form,
 * read by one parser. The monitor process is stopped by its own PID on close.
 */
public final class IpLinkMonitor implements InterfaceMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(IpLinkMonitor.class);
  /** `[Deleted ]2: eth0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ...`; the name ends at `@` (its peer). */
  private static final Pattern LINE = Pattern.compile("^(Deleted\\s+)?\\d+:\\s+([^:@\\s]+)(@\\S*)?:\\s+<([^>]*)>");
  private static final Duration BOUND = Duration.ofSeconds(5);

  private final InMemoryInterfaceMonitor states = new InMemoryInterfaceMonitor();
  private final Process monitor;

  private IpLinkMonitor(Process monitor) {
    this.monitor = monitor;
  }

  /** Starts monitoring this host's interfaces. */
  public static IpLinkMonitor start() throws LinkException {
    return start(List.of());
  }

  /**
   * Starts monitoring with {@code ip} run behind {@code commandPrefix} (such as {@code ip netns exec
   * NAME}, for the interfaces of a namespace).
   */
  public static IpLinkMonitor start(List<String> commandPrefix) throws LinkException {
    Process process = startProcess(command(commandPrefix, "monitor", "link"));
    IpLinkMonitor monitor = new IpLinkMonitor(process);
    Thread reader = new Thread(monitor::readReports, "ip-monitor-link-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      monitor.readInitial(commandPrefix);
    } catch (LinkException e) {
      monitor.close();
      throw e;
    }
    return monitor;
  }

  @Override
  public void subscribe(Consumer<InterfaceState> listener) {
    states.subscribe(listener);
  }

  @Override
  public Map<String, Boolean> current() {
    return states.current();
  }

  @Override
  public void close() {
    states.close();
    monitor.destroy();
    try {
      if (!monitor.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        monitor.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      monitor.destroyForcibly();
    }
  }

  /** The state a line of {@code ip -o link} or {@code ip -o monitor link} reports, if it is one. */
  static Optional<InterfaceState> parse(String line) {
    Matcher matcher = LINE.matcher(line.strip());
    if (!matcher.find()) {
      return Optional.empty();
    }
    List<String> flags = Arrays.asList(matcher.group(4).split(","));
    // ip prints NO-CARRIER for UP without RUNNING, which it may show beside LOWER_UP for a moment.
    boolean up = matcher.group(1) == null && flags.contains("UP") && flags.contains("LOWER_UP")
        && !flags.contains("NO-CARRIER");
    return Optional.of(new InterfaceState(matcher.group(2), up));
  }

  private void readReports() {
    try (BufferedReader reader = reader(monitor)) {
      String line;
      while ((line = reader.readLine()) != null) {
        parse(line).ifPresent(state -> states.set(state.name(), state.up()));
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("ip monitor link ended: {}", e.getMessage());
    }
  }

  private void readInitial(List<String> commandPrefix) throws LinkException {
    Process show = startProcess(command(commandPrefix, "link", "show"));
    List<String> lines;
    try (BufferedReader reader = reader(show)) {
      lines = reader.lines().toList();
      if (!show.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS) || show.exitValue() != 0) {
        show.destroyForcibly();
        throw new LinkException("ip -o link show failed: " + String.join("\n", lines));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new LinkException("cannot read ip -o link show: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      show.destroyForcibly();
      throw new LinkException("interrupted while reading interface states");
    }
    lines.forEach(line -> parse(line).ifPresent(state -> states.set(state.name(), state.up())));
  }

  private static List<String> command(List<String> prefix, String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of("ip", "-o"));
    command.addAll(List.of(args));
    return command;
  }

  private static Process startProcess(List<String> command) throws LinkException {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    } catch (IOException e) {
      throw new LinkException("cannot run " + String.join(" ", command) + ": " + e.getMessage());
    }
  }

  private static BufferedReader reader(Process process) {
    return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }
}
