package dev.tandem.app;

import dev.tandem.audit.TimelineText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem audit}: the journal's timeline, one or several nodes' journals merged by time. */
@Command(name = "audit", description = "Print the timeline of the journal(s): every transition with its reason.")
public final class AuditCommand implements Callable<Integer> {
  @Option(names = "--journal", paramLabel = "DIR", description = "a journal directory (repeatable) [journal]")
  List<Path> journals = new ArrayList<>(List.of(Path.of("journal")));

  @Override
  public Integer call() throws Exception {
    for (Path dir : journals) {
      if (!Files.isRegularFile(dir.resolve("tandem.mv.db"))) {
        System.err.println("tandem audit: no journal in " + dir + " (expected " + dir.resolve("tandem.mv.db") + ")");
        return ExitCodes.CONFIG_ERROR;
      }
    }
    System.out.print(TimelineText.render(JournalDatabase.readAll(journals)));
    return ExitCodes.OK;
  }
}
