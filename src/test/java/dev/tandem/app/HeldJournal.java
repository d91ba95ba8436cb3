package dev.tandem.app;

import dev.tandem.audit.Events;
import dev.tandem.instance.InstanceEvent;
import dev.tandem.testsupport.JournalFixture;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A stand-in for a controller in its own JVM: it serves the journal in {@code args[0]} with a
 * graceful stop written to it, says {@code serving PORT} on stdout and holds on until its stdin ends
 * (or it is killed, which is what tests do to it). With {@code args[1]} = {@value #READER} it opens
 * the file without serving it, as `tandem audit` does when no controller runs, and says {@code serving 0}.
 */
public final class HeldJournal {
  static final String READY = "serving ";
  static final String READER = "reader";

  private HeldJournal() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    if (args.length > 1 && READER.equals(args[1])) {
      hold(JournalFixture.create(dir), 0);
    } else {
      try (JournalServer server = new JournalDatabase(dir).serve()) {
        hold(JournalFixture.create(dir), server.port());
      }
    }
  }

  private static void hold(JournalFixture journal, int port) throws Exception {
    try (journal) {
      for (InstanceEvent e : Events.gracefulStop(0)) {
        journal.append(e);
      }
      journal.flush();
      System.out.println(READY + port);
      System.out.flush();
      System.in.transferTo(OutputStream.nullOutputStream());
    }
  }
}
