package dev.tandem.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.config.VirtualAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The host's addresses through iproute2, one long-running {@code ip -4 -j -force -batch -} process
 * for every change and read: forking {@code ip} costs milliseconds per call, a batch line a fraction
 * of one.
 *
 * <p>Batch mode carries on after a failed line and says only "Command failed -:N", so each change is
 * followed by an {@code addr show} of its device on the same process and judged by the result: the
 * address must be there after an add and gone after a remove. That also makes adding a present
 * address and removing an absent one succeed, as keepalived does, whatever ip printed. stderr is
 * merged into stdout; ip flushes its output after each line, so the messages of a change arrive
 * before the JSON of the read that follows it. A read of a missing device fails with its own
 * "Command failed -:N", which ends the exchange without JSON.
 *
 * <p>The process is started on first use and restarted after it died or hung; every exchange waits
 * at most {@link #REPLY_TIMEOUT_SECONDS}.
 */
public final class IpRouteAddressTable implements AddressTable, AutoCloseable {
  static final long REPLY_TIMEOUT_SECONDS = 5;
  private static final List<String> BATCH = List.of("-4", "-j", "-force", "-batch", "-");
  private static final String FAILED = "Command failed -:";
  /** Interface names and labels: what the kernel accepts, without anything that could split a batch line. */
  private static final Pattern NAME = Pattern.compile("[^\\s/]{1,15}");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Put in the queue when ip's output ends; compared by identity, so no line of ip's can equal it. */
  private static final String END = new String("end of ip's output");

  private final List<String> command;
  private Process process;
  private Writer input;
  private BlockingQueue<String> output;
  private int lines;

  /** @param command how to run ip: {@code List.of("ip")}, or {@code List.of("ip", "-n", "ns")} */
  public IpRouteAddressTable(List<String> command) {
    this.command = List.copyOf(command);
  }

  @Override
  public synchronized void add(String device, VirtualAddress address) {
    change(addLine(device, address), device, address, true);
  }

  @Override
  public synchronized void remove(String device, VirtualAddress address) {
    change(removeLine(device, address), device, address, false);
  }

  /**
   * Builds both lines unsent: the first add at a takeover otherwise waited ~2 ms for the JVM to
   * link its lambda and string concatenation (class-load log of a takeover).
   */
  @Override
  public void prepare(String device, VirtualAddress address) {
    try {
      addLine(device, address);
      removeLine(device, address);
    } catch (AddressTableException e) {
      // a name ip cannot take: add and remove report it, where the binder handles their failures
    }
  }

  private static String addLine(String device, VirtualAddress address) {
    String label = address.label().map(l -> " label " + checkedName(l)).orElse("");
    return "addr add " + address.cidr() + " dev " + checkedName(device) + label;
  }

  private static String removeLine(String device, VirtualAddress address) {
    return "addr del " + address.cidr() + " dev " + checkedName(device);
  }

  @Override
  public synchronized List<String> list(String device) {
    return addresses(exchange(List.of(show(checkedName(device)))));
  }

  private void change(String line, String device, VirtualAddress address, boolean present) {
    Reply reply = exchange(List.of(line, show(device)));
    if (addresses(reply).contains(address.cidr()) != present) {
      throw failure(line, reply.messages());
    }
  }

  private static String show(String device) {
    return "addr show dev " + device;
  }

  private static String checkedName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new AddressTableException("not a valid interface name or label: \"" + name + "\"");
    }
    return name;
  }

  /** What ip printed for a batch of lines ending with a read: its messages, and that read's JSON. */
  private record Reply(String lastLine, List<String> messages, String json) {}

  /** Sends the lines; the last must be a read. Returns once its JSON arrived, or throws. */
  private Reply exchange(List<String> batch) {
    ensureRunning();
    try {
      for (String line : batch) {
        input.write(line + "\n");
      }
      input.flush();
    } catch (IOException e) {
      throw stopAfter(batch.get(0), List.of("cannot write to ip: " + e.getMessage()));
    }
    lines += batch.size();
    String readFailed = FAILED + lines;
    List<String> messages = new ArrayList<>();
    while (true) {
      String out = next(batch, messages);
      if (out.startsWith("[")) {
        return new Reply(batch.get(batch.size() - 1), messages, out);
      }
      messages.add(out);
      if (out.equals(readFailed)) {
        throw failure(batch.get(0), messages);
      }
    }
  }

  private String next(List<String> batch, List<String> messages) {
    String out;
    try {
      out = output.poll(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stopAfter(batch.get(0), List.of("interrupted while waiting for ip"));
    }
    if (out == null) {
      messages.add("no answer from ip within " + REPLY_TIMEOUT_SECONDS + " s");
      throw stopAfter(batch.get(0), messages);
    }
    if (out == END) {
      messages.add("ip exited");
      throw stopAfter(batch.get(0), messages);
    }
    return out;
  }

  private AddressTableException failure(String line, List<String> messages) {
    List<String> said = messages.stream().filter(m -> !m.startsWith(FAILED)).toList();
    return new AddressTableException(String.join(" ", command) + " " + line + ": "
        + (said.isEmpty() ? "no effect" : String.join("; ", said)));
  }

  /** The process is in an unknown state: stop it; the next call starts a fresh one. */
  private AddressTableException stopAfter(String line, List<String> messages) {
    close();
    return failure(line, messages);
  }

  private static List<String> addresses(Reply reply) {
    try {
      List<String> out = new ArrayList<>();
      for (JsonNode link : JSON.readTree(reply.json())) {
        for (JsonNode a : link.path("addr_info")) {
          if ("inet".equals(a.path("family").asText())) {
            out.add(a.path("local").asText() + "/" + a.path("prefixlen").asInt());
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new AddressTableException("cannot read ip's answer to \"" + reply.lastLine() + "\": " + e.getMessage());
    }
  }

  private void ensureRunning() {
    if (process != null && process.isAlive()) {
      return;
    }
    close();
    List<String> argv = Stream.concat(command.stream(), BATCH.stream()).toList();
    try {
      process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AddressTableException("cannot run " + String.join(" ", argv) + ": " + e.getMessage());
    }
    input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    output = queue;
    lines = 0;
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread pump = new Thread(() -> pump(reader, queue), "ip-batch");
    pump.setDaemon(true);
    pump.start();
  }

  private static void pump(BufferedReader reader, BlockingQueue<String> queue) {
    try (reader) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        queue.add(line);
      }
    } catch (IOException e) {
      queue.add("reading ip's output failed: " + e.getMessage());
    } finally {
      queue.add(END);
    }
  }

  /** Ends the ip process: closing its input lets it exit; it is killed if it does not within a second. */
  @Override
  public synchronized void close() {
    Process p = process;
    if (p == null) {
      return;
    }
    process = null;
    try {
      input.close();
      if (!p.waitFor(1, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      p.destroyForcibly();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
