package dev.tandem.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tandem.config.CheckSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP and TCP checks against servers this test starts on 127.0.0.1. */
class NetworkChecksTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private HttpServer server;
  private URI url;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Like nginx with server_name: the right virtual host answers 200, any other 404.
    server.createContext("/health", exchange -> {
      String host = exchange.getRequestHeaders().getFirst("Host");
      exchange.sendResponseHeaders(host != null && host.startsWith("web.example") ? 200 : 404, -1);
      exchange.close();
    });
    server.createContext("/moved", exchange -> {
      exchange.getResponseHeaders().add("Location", "/health");
      exchange.sendResponseHeaders(301, -1);
      exchange.close();
    });
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private CheckOutcome http(String path, int status, Optional<String> host) {
    return new HttpCheck(new CheckSpec.Http(url.resolve(path), status, host)).run(TIMEOUT);
  }

  @Test
  void httpIsHealthyWithTheExpectedStatusAndSendsTheHostHeader() {
    assertEquals(CheckOutcome.healthy("HTTP 200"), http("/health", 200, Optional.of("web.example")));
  }

  @Test
  void httpFailsOnAnotherStatus() {
    assertEquals(CheckOutcome.failed("HTTP 404, expected 200"), http("/health", 200, Optional.empty()));
  }

  @Test
  void aRedirectIsAnAnswerNotFollowed() {
    assertEquals(CheckOutcome.healthy("HTTP 301"), http("/moved", 301, Optional.empty()));
  }

  @Test
  void httpFailsWhenNothingListens() throws IOException {
    int port = closedPort();
    CheckOutcome outcome = new HttpCheck(new CheckSpec.Http(URI.create("http://127.0.0.1:" + port + "/"), 200,
        Optional.empty())).run(TIMEOUT);
    assertFalse(outcome.healthy());
    assertTrue(outcome.detail().startsWith("http://127.0.0.1:" + port + "/: "), outcome.detail());
  }

  @Test
  void tcpIsHealthyWhenAccepted() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CheckOutcome outcome = new TcpCheck(new CheckSpec.Tcp("127.0.0.1", listener.getLocalPort())).run(TIMEOUT);
      assertEquals(CheckOutcome.healthy("connected to 127.0.0.1:" + listener.getLocalPort()), outcome);
    }
  }

  @Test
  void tcpFailsWhenRefused() throws IOException {
    int port = closedPort();
    CheckOutcome outcome = new TcpCheck(new CheckSpec.Tcp("127.0.0.1", port)).run(TIMEOUT);
    assertFalse(outcome.healthy());
    assertTrue(outcome.detail().startsWith("cannot connect to 127.0.0.1:" + port + ": ConnectException"), outcome.detail());
  }

  /** A port nothing listens on: one just released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
