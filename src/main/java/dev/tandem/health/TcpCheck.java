package dev.tandem.health;

import dev.tandem.config.CheckSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A TCP connect, closed at once; healthy when accepted within the timeout. */
public final class TcpCheck implements HealthCheck {
  private final CheckSpec.Tcp spec;

  public TcpCheck(CheckSpec.Tcp spec) {
    this.spec = spec;
  }

  @Override
  public CheckOutcome run(Duration timeout) {
    String target = spec.host() + ":" + spec.port();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(spec.host(), spec.port()), (int) Math.max(1, timeout.toMillis()));
      return CheckOutcome.healthy("connected to " + target);
    } catch (IOException e) {
      return CheckOutcome.failed("cannot connect to " + target + ": " + Failures.describe(e));
    }
  }
}
