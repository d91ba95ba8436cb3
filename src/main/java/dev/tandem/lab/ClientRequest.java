package dev.tandem.lab;

import java.time.Instant;

/** One request of the lab's client ({@link HttpClientLoop}): when it started, and the node that answered or why it failed. */
public record ClientRequest(Instant at, boolean ok, String answer) {

  /** Parses a line of {@link HttpClientLoop}'s output. */
  static ClientRequest parse(String line) {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].matches("\\d+") || !(parts[1].equals("OK") || parts[1].equals("FAIL"))) {
      throw new LabException("not a line of the lab's client: \"" + line + "\"");
    }
    return new ClientRequest(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1].equals("OK"),
        parts.length == 3 ? parts[2] : "");
  }

  /** Whether {@code node} answered this request. */
  public boolean answeredBy(LabNode node) {
    return ok && answer.equals(node.name());
  }
}
