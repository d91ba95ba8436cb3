package dev.tandem.health;

import dev.tandem.config.CheckSpec;
import dev.tandem.config.ConfigProblem;
import dev.tandem.config.ControllerConfig;
import dev.tandem.config.ScriptConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * keepalived's script security (lib/notify.c check_security), applied when `tandem check` or
 * `tandem run` reads a configuration: when tandem runs as root and a command line would run as
 * root, its program and every directory above it must be owned by root and not writable by a
 * non-root group or by everyone (a directory with the sticky bit, like /tmp, may be). Otherwise a
 * non-root user could change what root runs. With enable-script-security that is an error (the
 * config is refused); without, a warning, as keepalived's "SECURITY VIOLATION".
 */
public final class ScriptSecurity {
  private static final int STICKY = 01000;
  private static final int GROUP_WRITE = 020;
  private static final int OTHER_WRITE = 02;

  private final HostUsers users;
  private final String searchPath;

  public ScriptSecurity(HostUsers users, String searchPath) {
    this.users = users;
    this.searchPath = searchPath;
  }

  public static ScriptSecurity system() {
    return new ScriptSecurity(HostUsers.system(), Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin"));
  }

  public List<ConfigProblem> problems(ControllerConfig config) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (ScriptConfig script : config.scripts().values()) {
      if (script.check() instanceof CheckSpec.Script command) {
        inspect(config, script, command.command()).ifPresent(problems::add);
      }
    }
    return problems;
  }

  private Optional<ConfigProblem> inspect(ControllerConfig config, ScriptConfig script, String command) {
    boolean secure = config.global().enableScriptSecurity();
    Optional<ScriptUser> user = ScriptUser.of(script, config.global(), users.runningAsRoot(), users::exists);
    if (user.isPresent() && !users.exists(user.get().user())) {
      return Optional.of(problem(script, ConfigProblem.Severity.ERROR, "runs as user `" + user.get().user()
          + "`, which does not exist on this host"));
    }
    boolean runsAsRoot = users.runningAsRoot() && user.map(u -> users.uid(u.user()).orElse(-1) == 0).orElse(true);
    if (!runsAsRoot) {
      return Optional.empty();
    }
    String program = command.strip().split("\\s+")[0];
    Optional<Path> found = locate(program);
    if (found.isEmpty()) {
      return Optional.of(problem(script, ConfigProblem.Severity.WARNING, "program `" + program
          + "` not found on this host; the check fails until it exists"));
    }
    return unsafeElement(found.get()).map(reason -> problem(script,
        secure ? ConfigProblem.Severity.ERROR : ConfigProblem.Severity.WARNING,
        "runs " + found.get() + " as root, but " + reason + ": a non-root user could change what root runs"
            + (secure ? "; enable-script-security refuses it"
                : " (keepalived: SECURITY VIOLATION); set global.enable-script-security = true to refuse such scripts")));
  }

  /** keepalived searches PATH for a bare program name. */
  private Optional<Path> locate(String program) {
    if (program.contains("/")) {
      Path path = Path.of(program).toAbsolutePath();
      return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? Optional.of(path) : Optional.empty();
    }
    return Stream.of(searchPath.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program).toAbsolutePath())
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The first element of the path, or of the path it resolves to, that a non-root user could change. */
  Optional<String> unsafeElement(Path program) {
    Set<Path> paths = new LinkedHashSet<>(List.of(program.normalize()));
    try {
      paths.add(program.toRealPath());
    } catch (IOException e) {
      return Optional.of("it cannot be resolved (" + Failures.describe(e) + ")");
    }
    for (Path path : paths) {
      Path element = path.getRoot();
      for (int i = 0; i <= path.getNameCount(); i++) {
        element = i == 0 ? element : element.resolve(path.getName(i - 1));
        Optional<String> reason = unsafe(element, i == path.getNameCount());
        if (reason.isPresent()) {
          return reason;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> unsafe(Path element, boolean last) {
    try {
      int uid = (Integer) Files.getAttribute(element, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int gid = (Integer) Files.getAttribute(element, "unix:gid", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) Files.getAttribute(element, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      boolean directory = Files.isDirectory(element, LinkOption.NOFOLLOW_LINKS);
      boolean link = Files.isSymbolicLink(element);
      if (last ? directory : !directory) {
        return Optional.of(element + " is " + (directory ? "a directory" : "not a directory"));
      }
      if (uid != 0) {
        return Optional.of(element + " is owned by uid " + uid);
      }
      boolean guarded = link || (directory && (mode & STICKY) != 0);
      if (!guarded && gid != 0 && (mode & GROUP_WRITE) != 0) {
        return Optional.of(element + " is writable by group gid " + gid);
      }
      if (!guarded && (mode & OTHER_WRITE) != 0) {
        return Optional.of(element + " is writable by everyone");
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(element + " cannot be inspected (" + Failures.describe(e) + ")");
    }
  }

  private static ConfigProblem problem(ScriptConfig script, ConfigProblem.Severity severity, String message) {
    return new ConfigProblem(severity, script.origin(), "tandem.scripts." + script.name() + ".script", message);
  }
}
