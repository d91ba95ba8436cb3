package dev.tandem.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lab's client node asking an address for {@link LabNginx#SITE} every few milliseconds
 * ({@link HttpClientLoop}), and what it saw: which node answered each request, and which failed.
 */
public final class LabClient {
  private final LabProcess process;

  LabClient(LabProcess process) {
    this.process = process;
  }

  public LabProcess process() {
    return process;
  }

  /** Every request so far, in order (a line still being written is left for the next call). */
  public List<ClientRequest> requests() {
    String log = process.log();
    int complete = log.lastIndexOf('\n') + 1;
    return log.substring(0, complete).lines().filter(l -> !l.isBlank()).map(ClientRequest::parse).toList();
  }

  /** The first request at or after {@code from} that {@code node} answered. */
  public Optional<ClientRequest> firstAnswerFrom(LabNode node, Instant from) {
    return requests().stream().filter(r -> !r.at().isBefore(from) && r.answeredBy(node)).findFirst();
  }

  /** Waits up to {@code bound} for a request from {@code from} on that {@code node} answers. */
  public Optional<ClientRequest> awaitAnswerFrom(LabNode node, Instant from, Duration bound) {
    Lab.waitFor(bound, () -> firstAnswerFrom(node, from).isPresent());
    return firstAnswerFrom(node, from);
  }

  /** The requests that failed between {@code from} (inclusive) and {@code to} (exclusive). */
  public List<ClientRequest> failuresBetween(Instant from, Instant to) {
    return requests().stream().filter(r -> !r.ok() && !r.at().isBefore(from) && r.at().isBefore(to)).toList();
  }

  /** The requests from {@code from} on that {@code node} did not answer (failed, or answered by another). */
  public List<ClientRequest> notAnsweredBy(LabNode node, Instant from) {
    return requests().stream().filter(r -> !r.at().isBefore(from) && !r.answeredBy(node)).toList();
  }

  /** The requests within {@code margin} of any of {@code these}, one a line: what the client saw around them. */
  public String around(List<ClientRequest> these, Duration margin) {
    return requests().stream()
        .filter(r -> these.stream().anyMatch(f -> Duration.between(f.at(), r.at()).abs().compareTo(margin) <= 0))
        .map(r -> r.at() + " " + (r.ok() ? "OK " : "FAIL ") + r.answer())
        .collect(Collectors.joining("\n", "\n", "\n"));
  }

  public void stop() {
    process.terminate(Duration.ofSeconds(5));
  }
}
