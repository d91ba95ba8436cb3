package dev.tandem.app;

import dev.tandem.audit.Events;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.testsupport.JournalFixture;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A stand-in for a controller in its own JVM: it serves the journal in {@code args[0]} with a
 * graceful stop written to it, says {@code serving PORT} on stdout and holds on until its stdin ends
 * (or it is killed, which is what tests do to it).
 */
public final class HeldJournal {
  static final String READY = "serving ";

  private HeldJournal() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (JournalServer server = new JournalDatabase(dir).serve(); JournalFixture journal = JournalFixture.create(dir)) {
      for (InstanceEvent e : Events.gracefulStop(0)) {
        journal.append(e);
      }
      journal.flush();
      System.out.println(READY + server.port());
      System.out.flush();
      System.in.transferTo(OutputStream.nullOutputStream());
    }
  }
}
