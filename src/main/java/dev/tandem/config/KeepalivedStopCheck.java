package dev.tandem.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds commands that give up by stopping keepalived (the seeds' scripts end with `killall
 * keepalived` or `systemctl stop keepalived`, so that the peer takes the VIP). Under tandem they
 * stop nothing and the VIP stays where the service is broken; each is reported as a warning on the
 * config line that names the command, with the tandem way. The command line itself is read, and
 * the script it runs: its first word, or the second after a shell, when that is an existing file.
 */
final class KeepalivedStopCheck {
  /** A line of a script (or of the command itself, line 0) that stops keepalived. */
  record StopLine(int line, String text) {}

  private static final String SAME_COMMAND = "[^;&|#\\n]*";
  private static final List<Pattern> STOPS = List.of(
      Pattern.compile("\\b(killall|pkill)\\b" + SAME_COMMAND + "\\bkeepalived\\b"),
      Pattern.compile("\\bsystemctl\\b" + SAME_COMMAND + "\\b(stop|kill)\\b" + SAME_COMMAND + "\\bkeepalived\\b"),
      Pattern.compile("\\bservice\\s+keepalived\\s+stop\\b"),
      Pattern.compile("init\\.d/keepalived\\s+stop\\b"),
      Pattern.compile("\\bkill\\b" + SAME_COMMAND + "keepalived\\.pid"));
  /** Signal 0 only asks whether keepalived runs. */
  private static final Pattern PROBE_ONLY = Pattern.compile("\\s(-0|-s\\s*0|--signal[=\\s]0)\\b");
  private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "/bin/sh", "/bin/bash", "/usr/bin/bash",
      "/bin/dash");
  private static final long MAX_SCRIPT_BYTES = 1 << 20;
  private static final String TANDEM_WAY = "under tandem this stops nothing and the VIP stays on this node; "
      + "instead let the script exit non-zero and track it with weight 0 (the instance enters Fault and the peer "
      + "takes over)";

  private KeepalivedStopCheck() {}

  /** Warns at {@code origin} for each place where {@code commandLine} or the script it runs stops keepalived. */
  static void command(String commandLine, Origin origin, String key, Problems problems) {
    for (StopLine stop : scan(commandLine)) {
      problems.warning(origin, key, "the command stops keepalived (`" + stop.text() + "`): " + TANDEM_WAY);
    }
    scriptFile(commandLine, origin).ifPresent(script -> read(script, origin, key, problems)
        .forEach(stop -> problems.warning(origin, key, "script " + script + ":" + stop.line()
            + " stops keepalived (`" + stop.text() + "`): " + TANDEM_WAY)));
  }

  /** The lines of {@code text} (numbered from 1) that stop keepalived; comments are ignored. */
  static List<StopLine> scan(String text) {
    List<StopLine> found = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int comment = line.indexOf('#');
      String code = comment >= 0 && !line.startsWith("#!") ? line.substring(0, comment) : line;
      for (Pattern stop : STOPS) {
        Matcher matcher = stop.matcher(code);
        if (matcher.find() && !PROBE_ONLY.matcher(matcher.group()).find()) {
          found.add(new StopLine(i + 1, matcher.group().replaceAll("\\s+", " ")));
          break;
        }
      }
    }
    return found;
  }

  private static Optional<Path> scriptFile(String commandLine, Origin origin) {
    List<String> words = CommandWords.split(commandLine).orElse(List.of());
    int index = !words.isEmpty() && SHELLS.contains(words.get(0)) ? 1 : 0;
    if (words.size() <= index) {
      return Optional.empty();
    }
    Path script = Path.of(words.get(index));
    Path base = Path.of(origin.file()).toAbsolutePath().getParent();
    Path resolved = script.isAbsolute() || base == null ? script : base.resolve(script);
    return Files.isRegularFile(resolved) ? Optional.of(resolved) : Optional.empty();
  }

  private static List<StopLine> read(Path script, Origin origin, String key, Problems problems) {
    try {
      if (Files.size(script) > MAX_SCRIPT_BYTES) {
        return List.of();
      }
      String text = new String(Files.readAllBytes(script), StandardCharsets.UTF_8);
      // A program (`/usr/bin/killall -0 nginx`) is no script to read.
      return text.indexOf('\0') >= 0 ? List.of() : scan(text);
    } catch (IOException e) {
      problems.warning(origin, key, "cannot read " + script + " to check it: " + e.getMessage());
      return List.of();
    }
  }
}
