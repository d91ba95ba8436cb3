package dev.tandem.health;

import dev.tandem.config.CheckSpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** An HTTP GET; healthy when the status is the expected one. Redirects are answers, not followed. */
public final class HttpCheck implements HealthCheck {
  static {
    // java.net.http refuses to set Host unless told so before its first request: name-based virtual
    // hosts (nginx server_name) need it.
    String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
    if (!allowed.toLowerCase().contains("host")) {
      System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed.isEmpty() ? "host" : allowed + ",host");
    }
  }

  private final CheckSpec.Http spec;
  private final HttpClient client;

  public HttpCheck(CheckSpec.Http spec) {
    this.spec = spec;
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public CheckOutcome run(Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(spec.url()).timeout(timeout).GET();
    spec.host().ifPresent(host -> request.header("Host", host));
    try {
      int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == spec.status()
          ? CheckOutcome.healthy("HTTP " + status)
          : CheckOutcome.failed("HTTP " + status + ", expected " + spec.status());
    } catch (HttpTimeoutException e) {
      return CheckOutcome.failed("no answer from " + spec.url() + " within " + timeout.toMillis() + "ms");
    } catch (IOException e) {
      return CheckOutcome.failed(spec.url() + ": " + Failures.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckOutcome.failed("interrupted");
    }
  }
}
