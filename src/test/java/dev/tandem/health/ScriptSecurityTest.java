package dev.tandem.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.config.ConfigLoader;
import dev.tandem.config.ConfigProblem;
import dev.tandem.config.ControllerConfig;
import dev.tandem.config.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tandem.testsupport.Environment;

/**
 * keepalived's rule on real files (changing owners needs root): a script root runs must not be
 * changeable by a non-root user, nor any directory above it.
 */
class ScriptSecurityTest {
  private static final Map<String, Integer> UIDS = Map.of("root", 0, "nobody", 65534);

  @TempDir
  Path dir;
  private Path script;

  /** tandem runs as root; the users are root and nobody. */
  private final HostUsers root = new HostUsers() {
    @Override
    public boolean runningAsRoot() {
      return true;
    }

    @Override
    public OptionalInt uid(String user) {
      return UIDS.containsKey(user) ? OptionalInt.of(UIDS.get(user)) : OptionalInt.empty();
    }
  };

  @BeforeEach
  void rootOwnedScript() throws IOException {
    Environment.requireOrSkip(HostUsers.system().runningAsRoot(), "changing file owners needs root");
    Files.createDirectories(dir.resolve("etc"));
    script = Files.writeString(dir.resolve("etc/check.sh"), "#!/bin/sh\nexit 0\n");
    Files.setAttribute(script, "unix:mode", 0755);
    Files.setAttribute(dir.resolve("etc"), "unix:mode", 0755);
  }

  private List<String> problems(String global, String scriptSettings) {
    ControllerConfig config = ConfigLoader.loadText("tandem.global { node-id = a\n" + global + " }\n"
        + "tandem.scripts.chk { " + scriptSettings + " }\n"
        + "tandem.instances.VI_1 { interface = eth0, virtual-router-id = 1, virtual-addresses = [\"192.0.2.1\"] }",
        "t.conf", new HostFacts("a", Set.of(), false)).config().orElseThrow();
    return new ScriptSecurity(root, "/usr/bin:/bin").problems(config).stream().map(ConfigProblem::render)
        .collect(Collectors.toList());
  }

  private List<String> problems(String global) {
    return problems(global, "script = \"" + script + " --quick\"");
  }

  @Test
  void aRootOwnedScriptInRootOwnedDirectoriesPasses() {
    assertEquals(List.of(), problems("enable-script-security = true"));
  }

  @Test
  void aDirectoryWritableByAGroupIsRefusedWithSecurityOn() throws IOException {
    Files.setAttribute(dir.resolve("etc"), "unix:gid", 50);
    Files.setAttribute(dir.resolve("etc"), "unix:mode", 0775);
    assertEquals(List.of("t.conf:3: error: tandem.scripts.chk.script: runs " + script + " as root, but "
        + dir.resolve("etc") + " is writable by group gid 50: a non-root user could change what root runs;"
        + " enable-script-security refuses it"), problems("enable-script-security = true"));
  }

  @Test
  void withSecurityOffItIsKeepalivedsWarning() throws IOException {
    Files.setAttribute(script, "unix:mode", 0757);
    assertEquals(List.of("t.conf:3: warning: tandem.scripts.chk.script: runs " + script + " as root, but " + script
        + " is writable by everyone: a non-root user could change what root runs (keepalived: SECURITY VIOLATION);"
        + " set global.enable-script-security = true to refuse such scripts"), problems(""));
  }

  @Test
  void aScriptOwnedByAnotherUserIsRefused() throws IOException {
    Files.setAttribute(script, "unix:uid", 65534);
    assertEquals(List.of("t.conf:3: error: tandem.scripts.chk.script: runs " + script + " as root, but " + script
        + " is owned by uid 65534: a non-root user could change what root runs; enable-script-security refuses it"),
        problems("enable-script-security = true"));
  }

  @Test
  void aStickyWorldWritableDirectoryIsAllowedLikeTmp() throws IOException {
    Files.setAttribute(dir.resolve("etc"), "unix:mode", 01777);
    assertEquals(List.of(), problems("enable-script-security = true"));
  }

  @Test
  void aScriptRunAsAnotherUserIsNotInspected() throws IOException {
    Files.setAttribute(script, "unix:mode", 0777);
    assertEquals(List.of(), problems("enable-script-security = true, script-user = nobody"));
  }

  @Test
  void anUnknownScriptUserIsAnError() {
    assertEquals(List.of("t.conf:3: error: tandem.scripts.chk.script: runs as user `ghost`, which does not exist on this host"),
        problems("", "script = \"" + script + "\", user = ghost"));
  }

  @Test
  void aBareProgramIsSearchedOnThePath() {
    assertEquals(List.of(), problems("enable-script-security = true", "script = \"true\""));
    assertEquals(List.of("t.conf:3: warning: tandem.scripts.chk.script: program `no-such-check` not found on this host;"
        + " the check fails until it exists"), problems("", "script = \"no-such-check\""));
  }

  @Test
  void builtInChecksRunNoProgram() {
    assertEquals(List.of(), problems("enable-script-security = true", "tcp { host = 127.0.0.1, port = 80 }"));
  }
}
