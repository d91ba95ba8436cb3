package dev.tandem.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP server for tests: it answers every command as a real server would (or rejects RCPT TO, or
 * says nothing at all, to test failures) and records each message received: the client's address,
 * the commands of its session and its DATA text. On 127.0.0.1 in a test's JVM, or as its own
 * process in a lab namespace ({@link #main}).
 */
public final class SmtpSink implements AutoCloseable {
  /** How the sink behaves. */
  public enum Mode { ACCEPT, REJECT_RECIPIENTS, SILENT }

  /**
   * One mail session: the client's IP address, the commands as sent (without CRLF) and the DATA text
   * (lines joined by CRLF).
   */
  public record Received(String client, List<String> commands, String data) {
    public String header(String name) {
      return data.lines().filter(line -> line.startsWith(name + ": ")).findFirst()
          .map(line -> line.substring(name.length() + 2)).orElse("");
    }
  }

  public static final String LISTENING = "smtp sink listening on ";
  public static final String RECEIVED = "received ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerSocket server;
  private final Mode mode;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Thread thread;

  /** A sink on 127.0.0.1, on a free port. */
  public SmtpSink(Mode mode) throws IOException {
    this(mode, InetAddress.getLoopbackAddress(), 0);
  }

  /** A sink on {@code address}:{@code port} (0: a free port). SILENT accepts connections (the kernel's backlog) but never reads. */
  public SmtpSink(Mode mode, InetAddress address, int port) throws IOException {
    this.server = new ServerSocket(port, 50, address);
    this.mode = mode;
    this.thread = new Thread(this::serve, "smtp-sink");
    this.thread.setDaemon(true);
    if (mode != Mode.SILENT) {
      thread.start();
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The next message received, waiting at most {@code timeout}; null if none came. */
  public Received next(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The lab's mail server: {@code SmtpSink ADDRESS PORT MODE} listens until killed, prints
   * {@link #LISTENING} once it does, then one line per message received: {@link #RECEIVED} and the
   * {@link Received} as JSON ({@link #parse} reads it back).
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    SmtpSink sink = new SmtpSink(Mode.valueOf(args[2]), InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(LISTENING + sink.server.getLocalSocketAddress());
    while (true) {
      out.println(RECEIVED + JSON.writeValueAsString(sink.received.take()));
    }
  }

  /** The messages in the output of {@link #main}, in the order received. */
  public static List<Received> parse(String output) {
    List<Received> messages = new ArrayList<>();
    for (String line : output.lines().filter(l -> l.startsWith(RECEIVED)).toList()) {
      try {
        messages.add(JSON.readValue(line.substring(RECEIVED.length()), Received.class));
      } catch (IOException e) {
        throw new IllegalStateException("unreadable line of the SMTP sink: " + line, e);
      }
    }
    return messages;
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket client = server.accept()) {
        session(client);
      } catch (IOException e) {
        // A closed server ends the loop; a client that went away ends only its session.
      }
    }
  }

  private void session(Socket client) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = client.getOutputStream();
    reply(out, "220 sink ESMTP");
    List<String> commands = new ArrayList<>();
    String data = null;
    String line;
    while ((line = in.readLine()) != null) {
      commands.add(line);
      String verb = line.split("[ :]", 2)[0].toUpperCase();
      if (verb.equals("RCPT") && mode == Mode.REJECT_RECIPIENTS) {
        reply(out, "550 5.1.1 no such user");
      } else if (verb.equals("DATA")) {
        reply(out, "354 end with <CRLF>.<CRLF>");
        data = readData(in);
        reply(out, "250 2.0.0 queued");
      } else if (verb.equals("QUIT")) {
        reply(out, "221 bye");
        break;
      } else {
        reply(out, "250 ok");
      }
    }
    if (data != null) {
      received.add(new Received(client.getInetAddress().getHostAddress(), commands, data));
    }
  }

  private static String readData(BufferedReader in) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null && !line.equals(".")) {
      lines.add(line);
    }
    return String.join("\r\n", lines);
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
