package dev.tandem.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The lab's client: asks {@code http://ADDRESS/} with a Host header every PERIOD milliseconds on a
 * new connection (so no kept-alive connection hides a move of the VIP), until killed. One line per
 * request on stdout, read by {@link LabClient}: {@code <epoch ms> OK <body>} or
 * {@code <epoch ms> FAIL <why>}. A request that gets no answer within {@link #TIMEOUT_MS} fails.
 *
 * <p>Usage: {@code HttpClientLoop ADDRESS HOST PERIOD_MS}.
 */
public final class HttpClientLoop {
  static final int TIMEOUT_MS = 250;

  private HttpClientLoop() {}

  public static void main(String[] args) throws InterruptedException {
    String address = args[0];
    byte[] request = ("GET / HTTP/1.0\r\nHost: " + args[1] + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    long period = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[2]));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    long next = System.nanoTime();
    while (true) {
      long at = System.currentTimeMillis();
      out.println(at + " " + ask(address, request));
      next += period;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      } else {
        // A request that took longer than the period: the next starts now, not in a burst.
        next = System.nanoTime();
      }
    }
  }

  private static String ask(String address, byte[] request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, 80), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream toServer = socket.getOutputStream();
      toServer.write(request);
      toServer.flush();
      InputStream fromServer = socket.getInputStream();
      String answer = new String(fromServer.readAllBytes(), StandardCharsets.UTF_8);
      int bodyStart = answer.indexOf("\r\n\r\n");
      String status = answer.lines().findFirst().orElse("");
      if (bodyStart < 0 || !status.matches("HTTP/1\\.\\d 200 .*")) {
        return "FAIL status " + status;
      }
      return "OK " + answer.substring(bodyStart + 4).strip();
    } catch (IOException e) {
      return "FAIL " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
