package dev.tandem.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem status}: a running controller's instances as a table, read from its {@code /status}.
 * It reads with HttpURLConnection: java.net.http fixes its restricted headers at its first use, and
 * {@link dev.tandem.health.HttpCheck} must be the one to set them (Host) in a process.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Print the state of a running controller's instances (from its status endpoint).")
final class StatusCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Spec
  CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL", description = "the controller's status endpoint [${DEFAULT-VALUE}]",
      defaultValue = "http://127.0.0.1:8870")
  String url;

  @Option(names = "--json", description = "print the JSON document instead of the table")
  boolean json;

  @Override
  public Integer call() throws InterruptedException {
    URI uri;
    try {
      uri = URI.create(url.replaceAll("/+$", "") + StatusServer.STATUS_PATH);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("tandem: not a URL: " + url);
      return ExitCodes.CONFIG_ERROR;
    }
    int code;
    String body;
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout((int) TIMEOUT.toMillis());
      connection.setReadTimeout((int) TIMEOUT.toMillis());
      code = connection.getResponseCode();
      try (InputStream in = code < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("tandem: cannot read " + uri + ": " + describe(e)
          + " (is tandem running here, with tandem.status enabled on this address and port?)");
      return ExitCodes.RUNTIME_ERROR;
    }
    if (code != 200) {
      spec.commandLine().getErr().println("tandem: " + uri + " answered " + code + ": " + body.strip());
      return ExitCodes.RUNTIME_ERROR;
    }
    if (json) {
      print(body);
      return ExitCodes.OK;
    }
    try {
      print(StatusTable.render(StatusJson.MAPPER.readTree(body)));
    } catch (JsonProcessingException e) {
      spec.commandLine().getErr().println("tandem: " + uri + " did not answer with status JSON: "
          + e.getOriginalMessage());
      return ExitCodes.RUNTIME_ERROR;
    }
    return ExitCodes.OK;
  }

  private void print(String text) {
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
  }

  private static String describe(Exception e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }
}
