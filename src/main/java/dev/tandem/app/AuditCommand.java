package dev.tandem.app;

import dev.tandem.audit.TimelineText;
import dev.tandem.config.FleetConfig;
import dev.tandem.fleet.FleetReader;
import dev.tandem.instance.InstanceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem audit}: the journal's timeline, one or several nodes' journals merged by time, or the fleet journal. */
@Command(name = "audit", description = "Print the timeline of the journal(s): every transition with its reason.")
public final class AuditCommand implements Callable<Integer> {
  @Option(names = "--journal", paramLabel = "DIR", description = "a journal directory (repeatable) [journal]")
  List<Path> journals = new ArrayList<>(List.of(Path.of("journal")));

  @Option(names = "--fleet", paramLabel = "URL",
      description = "read the fleet journal instead, e.g. jdbc:postgresql://127.0.0.1:5432/tandem")
  String fleetUrl;

  @Option(names = "--fleet-user", paramLabel = "USER", description = "the fleet database's user [tandem]")
  String fleetUser = "tandem";

  @Option(names = "--fleet-password-file", paramLabel = "FILE", description = "a file holding the user's password")
  Path fleetPasswordFile;

  @Override
  public Integer call() throws Exception {
    List<InstanceEvent> events;
    if (fleetUrl != null) {
      try {
        events = FleetReader.readAll(new FleetConfig(fleetUrl, fleetUser, Optional.empty(),
            Optional.ofNullable(fleetPasswordFile), Duration.ZERO, 0));
      } catch (SQLException e) {
        System.err.println("tandem audit: cannot read the fleet journal at " + fleetUrl + ": " + e.getMessage());
        return ExitCodes.RUNTIME_ERROR;
      }
    } else {
      for (Path dir : journals) {
        if (!Files.isRegularFile(dir.resolve("tandem.mv.db"))) {
          System.err.println("tandem audit: no journal in " + dir + " (expected " + dir.resolve("tandem.mv.db") + ")");
          return ExitCodes.CONFIG_ERROR;
        }
      }
      events = JournalDatabase.readAll(journals);
    }
    System.out.print(TimelineText.render(events));
    return ExitCodes.OK;
  }
}
