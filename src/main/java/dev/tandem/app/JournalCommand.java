package dev.tandem.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem journal}: keeping the journal; its subcommands do the work. */
@Command(name = "journal", mixinStandardHelpOptions = true, description = "Maintain a journal.",
    subcommands = JournalPruneCommand.class)
final class JournalCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: one of " + spec.subcommands().keySet());
  }
}
