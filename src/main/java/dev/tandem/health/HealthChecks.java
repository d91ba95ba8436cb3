package dev.tandem.health;

import dev.tandem.config.CheckSpec;
import dev.tandem.config.GlobalConfig;
import dev.tandem.config.ScriptConfig;

/** Builds the check a configured entry describes. */
public final class HealthChecks {
  private final GlobalConfig global;
  private final HostUsers users;

  public HealthChecks(GlobalConfig global, HostUsers users) {
    this.global = global;
    this.users = users;
  }

  public HealthCheck of(ScriptConfig script) {
    CheckSpec spec = script.check();
    if (spec instanceof CheckSpec.Http http) {
      return new HttpCheck(http);
    }
    if (spec instanceof CheckSpec.Tcp tcp) {
      return new TcpCheck(tcp);
    }
    if (spec instanceof CheckSpec.Process process) {
      return new ProcessCheck(process);
    }
    return new ShellCheck(((CheckSpec.Script) spec).command(),
        ScriptUser.of(script, global, users.runningAsRoot(), users::exists));
  }
}
