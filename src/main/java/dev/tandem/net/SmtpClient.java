package dev.tandem.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain SMTP as keepalived speaks it (smtp.c): greeting 220, HELO 250, MAIL FROM 250, RCPT TO 250
 * for each recipient, DATA 354, the message 250, QUIT 221. No TLS, no AUTH, as keepalived. Blocking:
 * call it off the VRRP threads. {@code timeout} bounds the connect and every read.
 */
public final class SmtpClient {
  private final String host;
  private final int port;
  private final String heloName;
  private final Duration timeout;

  public SmtpClient(String host, int port, String heloName, Duration timeout) {
    this.host = host;
    this.port = port;
    this.heloName = heloName;
    this.timeout = timeout;
  }

  /** Sends {@code message}; an IOException names the step that failed and what the server said. */
  public void send(MailMessage message) throws IOException {
    try (Socket socket = new Socket()) {
      int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      expect(in, 220, "greeting");
      command(out, in, "HELO " + heloName, 250);
      command(out, in, "MAIL FROM:<" + message.from() + ">", 250);
      for (String recipient : message.to()) {
        command(out, in, "RCPT TO:<" + recipient + ">", 250);
      }
      command(out, in, "DATA", 354);
      write(out, message.data() + ".\r\n");
      expect(in, 250, "message");
      command(out, in, "QUIT", 221);
    }
  }

  private static void command(OutputStream out, BufferedReader in, String line, int expected) throws IOException {
    write(out, line + "\r\n");
    expect(in, expected, line.split("[ :]", 2)[0]);
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads one reply (its continuation lines "250-..." too) and checks its code. */
  private static void expect(BufferedReader in, int expected, String step) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException(step + ": connection closed by the server");
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    if (!line.startsWith(String.valueOf(expected))) {
      throw new IOException(step + ": expected " + expected + ", server said \"" + line + "\"");
    }
  }
}
