package dev.tandem.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A node's nginx as the seeds run it: a daemon that a check script restarts. It serves
 * {@link #SITE} (answering with the node's name; other Host headers get 404) on port 80 of every
 * address of the node, so also on a VIP it comes to hold. Everything goes by its pid file, never by
 * process name: network namespaces do not separate processes, so {@code ps -C nginx} or
 * {@code killall nginx} would see or hit the other node's nginx.
 *
 * <p>The scripts are root's, mode 0755, in the lab's own directory (0700, root's), as script
 * security requires of scripts run as root.
 */
public final class LabNginx {
  /** The site's name: the Host header the client and the seed-002-style checks send. */
  public static final String SITE = "nginx.lab.test";
  private static final Duration STOP_BOUND = Duration.ofSeconds(5);

  private final LabNode node;
  private final Path dir;
  private final Path config;
  private final Path pidFile;
  private final String workingConfig;

  LabNginx(LabNode node, Path dir) {
    this.node = node;
    this.dir = dir;
    this.config = dir.resolve("nginx.conf");
    this.pidFile = dir.resolve("nginx.pid");
    this.workingConfig = config(dir, true, "  server {\n    listen 80 default_server;\n    return 404;\n  }\n"
        + "  server {\n    listen 80;\n    server_name " + SITE + ";\n"
        + "    location / { return 200 \"" + node.name() + "\\n\"; }\n  }\n");
    write(config, workingConfig, false);
    write(checkScript(dir), checkScriptText(), true);
    write(curlScript(dir), curlScriptText(), true);
  }

  /** Where a node's nginx lives in a lab: its check scripts are there, whoever writes the configs. */
  static Path directory(Path hostDir) {
    return hostDir.resolve("nginx");
  }

  /**
   * Seed 000's check_nginx.sh on each node, from the pid file: exit 0 while the nginx it names runs;
   * otherwise start nginx and exit 0 once it runs, or 1 if it cannot start.
   */
  public static LabCheck checkNginx(Lab lab) {
    return LabCheck.script("check_nginx", node -> checkScript(lab.nginxDirectory(node)));
  }

  /** Seed 002's check_web.sh on each node, step 3: {@code curl -H Host:...} to nginx; exit 0 only on 200. Never restarts. */
  public static LabCheck checkWeb(Lab lab) {
    return LabCheck.script("check_web", node -> curlScript(lab.nginxDirectory(node)));
  }

  /** tandem's built-in HTTP check doing what {@link #checkWeb} does. */
  public static LabCheck httpCheck() {
    return LabCheck.http("nginx_http", "http://127.0.0.1/", SITE);
  }

  private static Path checkScript(Path nginxDir) {
    return nginxDir.resolve("check_nginx.sh");
  }

  private static Path curlScript(Path nginxDir) {
    return nginxDir.resolve("check_web.sh");
  }

  public LabNode node() {
    return node;
  }

  public Path directory() {
    return dir;
  }

  public Path pidFile() {
    return pidFile;
  }

  /** Starts nginx (through the check script) unless it runs; a {@link LabException} if it cannot start. */
  public void start() {
    Commands.run(List.of("ip", "netns", "exec", node.namespace(), checkScript(dir).toString()));
  }

  /** The PID of the running nginx, from its pid file; empty when it does not run (zombies count as gone). */
  public OptionalLong pid() {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      return LabProcess.isLive(pid) && isNginx(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** nginx's error log on this node, for a failing test's message. */
  public String errorLog() {
    try {
      return Files.readString(dir.resolve("error.log"));
    } catch (IOException e) {
      return "(no error log: " + e.getMessage() + ")";
    }
  }

  public boolean isRunning() {
    return pid().isPresent();
  }

  /** SIGKILL to the nginx of the pid file, as a crash; returns once it is gone. */
  public void kill() {
    OptionalLong pid = pid();
    if (pid.isEmpty()) {
      return;
    }
    ProcessHandle.of(pid.getAsLong()).ifPresent(ProcessHandle::destroyForcibly);
    if (!Lab.waitFor(STOP_BOUND, () -> !isRunning())) {
      throw new LabException("nginx on " + node.name() + " (PID " + pid.getAsLong() + ") did not die on SIGKILL");
    }
  }

  /** Replaces the configuration with one nginx refuses, so that no restart succeeds until {@link #allowStart}. */
  public void preventStart() {
    write(config, "this is not an nginx directive;\n", false);
  }

  public void allowStart() {
    write(config, workingConfig, false);
  }

  /**
   * An nginx.conf for a lab node: one process, its pid, logs and temp files in {@code dir} (so two
   * nodes never share a file), as a daemon or in the foreground, with these server blocks.
   */
  static String config(Path dir, boolean daemon, String servers) {
    return "daemon " + (daemon ? "on" : "off") + ";\nmaster_process off;\nworker_processes 1;\n"
        + "pid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log") + ";\n"
        + "events { worker_connections 64; }\n"
        + "http {\n  access_log " + dir.resolve("access.log") + ";\n"
        + "  client_body_temp_path " + dir.resolve("body") + ";\n  proxy_temp_path " + dir.resolve("proxy") + ";\n"
        + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
        + "  scgi_temp_path " + dir.resolve("scgi") + ";\n" + servers + "}\n";
  }

  /** The command line that starts nginx with a configuration of {@link #config}. */
  static List<String> command(Path dir, Path configFile) {
    return List.of("nginx", "-p", dir.toString(), "-e", dir.resolve("error.log").toString(), "-c", configFile.toString());
  }

  private String checkScriptText() {
    return "#!/bin/sh\n"
        + "# check_nginx.sh for " + node.name() + ": seed 000's check, by the pid file instead of `ps -C nginx`\n"
        + "# (network namespaces do not separate processes: ps would count the other node's nginx).\n"
        + "PID_FILE=" + pidFile + "\n"
        + "alive() {\n"
        + "  pid=$(cat \"$PID_FILE\" 2>/dev/null) || return 1\n"
        + "  stat=$(cat \"/proc/$pid/stat\" 2>/dev/null) || return 1\n"
        + "  state=${stat##*) }\n"
        + "  # A killed nginx stays a zombie until PID 1 reaps it: that is not running.\n"
        + "  case \"${state%% *}\" in Z|X) return 1 ;; esac\n"
        + "}\n"
        + "alive && exit 0\n"
        + String.join(" ", command(dir, config)) + " </dev/null >/dev/null 2>&1 || exit 1\n"
        + "# nginx forks before it writes its pid file: wait for it, boundedly.\n"
        + "i=0\n"
        + "while [ $i -lt 20 ]; do\n"
        + "  alive && exit 0\n"
        + "  sleep 0.05\n"
        + "  i=$((i + 1))\n"
        + "done\n"
        + "exit 1\n";
  }

  private static String curlScriptText() {
    return "#!/bin/sh\n"
        + "# Seed 002's check_web.sh, step 3: ask nginx for the site by its Host header, as a client would.\n"
        + "code=$(curl -s -o /dev/null -m 0.8 -w '%{http_code}' -H 'Host: " + SITE + "' http://127.0.0.1/)\n"
        + "[ \"$code\" = 200 ]\n";
  }

  private static boolean isNginx(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip().equals("nginx");
    } catch (IOException e) {
      return false;
    }
  }

  private static void write(Path file, String text, boolean executable) {
    try {
      Files.writeString(file, text);
      if (executable) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (IOException e) {
      throw new LabException("cannot write " + file + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "nginx on " + node.name() + " (" + pidFile + ")";
  }
}
