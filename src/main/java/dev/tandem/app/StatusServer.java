package dev.tandem.app;

import com.sun.net.httpserver.HttpExchange;
import dev.tandem.instance.ControllerStatus;
import dev.tandem.instance.JournalWriteLatency;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The status endpoint: prometheus-metrics' JDK HTTP server with {@code /metrics} (from
 * {@link StatusMetrics}) and {@code /-/healthy} (its own), and {@code /status} (from
 * {@link StatusJson}). Its threads are the server's own; each request asks the controller afresh.
 */
final class StatusServer implements AutoCloseable {
  static final String STATUS_PATH = "/status";

  private final HTTPServer server;

  private StatusServer(HTTPServer server) {
    this.server = server;
  }

  /** Listens on {@code address}:{@code port} (0 = any free port) until closed. */
  static StatusServer start(InetAddress address, int port, Supplier<ControllerStatus> status) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new StatusMetrics(status));
    registry.register(JournalWriteLatency.SECONDS);
    return new StatusServer(HTTPServer.builder()
        .inetAddress(address)
        .port(port)
        .registry(registry)
        .defaultHandler(exchange -> serveStatus(exchange, status))
        .buildAndStart());
  }

  int port() {
    return server.getPort();
  }

  private static void serveStatus(HttpExchange exchange, Supplier<ControllerStatus> status) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(STATUS_PATH)) {
        respond(exchange, 404, "text/plain", "not found: try " + STATUS_PATH + ", /metrics or /-/healthy\n");
      } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        respond(exchange, 405, "text/plain", "only GET\n");
      } else {
        respondWithStatus(exchange, status);
      }
    }
  }

  private static void respondWithStatus(HttpExchange exchange, Supplier<ControllerStatus> status) throws IOException {
    String json;
    try {
      json = StatusJson.render(status.get());
    } catch (StatusQuery.StatusUnavailable e) {
      respond(exchange, 503, "text/plain", e.getMessage() + "\n");
      return;
    }
    respond(exchange, 200, "application/json", json);
  }

  private static void respond(HttpExchange exchange, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
