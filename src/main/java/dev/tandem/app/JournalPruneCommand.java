package dev.tandem.app;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tandem journal prune}: deletes old events (each instance keeps its last transition). */
@Command(name = "prune", mixinStandardHelpOptions = true,
    description = "Delete the events written before a date; each instance keeps its last transition. Safe while running.")
final class JournalPruneCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--before", required = true, paramLabel = "TIME", converter = TimeConverter.class,
      description = "2026-11-22, 2026-11-22T10:00, 2026-11-22T10:00:00Z or an age (90d)")
  Instant before;

  @Option(names = "--journal", paramLabel = "DIR", description = "the journal directory [journal]")
  Path dir = Path.of("journal");

  @Override
  public Integer call() throws SQLException {
    JournalDatabase journal = new JournalDatabase(dir);
    if (!journal.exists()) {
      throw new ParameterException(spec.commandLine(), "no journal in " + dir + " (expected "
          + dir.resolve("tandem.mv.db") + ")");
    }
    int deleted = journal.prune(before);
    spec.commandLine().getOut().println("tandem journal prune: deleted " + deleted + " event(s) written before "
        + before + " from " + dir);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
