package dev.tandem.lab;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The demo's web server where nginx is not installed: answers every request on port 80 with the
 * node's name, so the client shows which node holds the VIP. Runs in a lab namespace until killed.
 */
public final class HttpResponder {
  private HttpResponder() {}

  public static void main(String[] args) throws IOException {
    byte[] body = (args[0] + "\n").getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress(80), 16);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }
}
