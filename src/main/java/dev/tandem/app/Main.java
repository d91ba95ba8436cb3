package dev.tandem.app;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `tandem` command: a list of subcommands, their exit code, and never a stack trace. */
@Command(name = "tandem", mixinStandardHelpOptions = true, version = "tandem 0.1.0",
    description = "VRRP high-availability controller (keepalived's VRRP, with a journal of every transition).")
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine(HostProbe.system(), args).execute(args));
  }

  /** The command line with every subcommand; {@code host} tells the commands about this machine. */
  public static CommandLine commandLine(HostProbe host) {
    return commandLine(subcommands(host));
  }

  /**
   * The command line for {@code args}: with only the subcommand they name, when they name one.
   * Picocli models every command it is given up front, which took ~0.2 s of a controller's start;
   * parsing, help and errors of the named subcommand are the same either way.
   */
  static CommandLine commandLine(HostProbe host, String[] args) {
    List<Object> all = subcommands(host);
    List<Object> named = all.stream()
        .filter(c -> args.length > 0 && c.getClass().getAnnotation(Command.class).name().equals(args[0]))
        .toList();
    return commandLine(named.isEmpty() ? all : named);
  }

  private static CommandLine commandLine(List<Object> subcommands) {
    CommandLine commandLine = new CommandLine(new Main());
    subcommands.forEach(commandLine::addSubcommand);
    commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
      command.getErr().println("tandem: internal error: " + exception);
      return ExitCodes.RUNTIME_ERROR;
    });
    return commandLine;
  }

  private static List<Object> subcommands(HostProbe host) {
    return List.of(new RunCommand(host), new CheckCommand(host), new ConvertCommand(host), new AuditCommand(),
        new JournalCommand(), new DemoCommand(), new HandoverCommand(), new ReloadCommand(), new WarmUpCommand(),
        new StatusCommand());
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: one of " + spec.subcommands().keySet());
  }
}
