package dev.tandem.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a tracked check runs: a command line (keepalived's vrrp_script), or one of the built-in
 * checks that replace the seeds' curl / netstat / ps scripts.
 */
public sealed interface CheckSpec {
  /** A command line, run by {@code sh -c}; healthy when it exits 0 (only the exit code counts). */
  record Script(String command) implements CheckSpec {}

  /** An HTTP GET of {@code url}; healthy when the answer has {@code status}. {@code host} overrides the Host header. */
  record Http(URI url, int status, Optional<String> host) implements CheckSpec {}

  /** A TCP connect to {@code host}:{@code port}; healthy when it is accepted. */
  record Tcp(String host, int port) implements CheckSpec {}

  /**
   * The process whose pid {@code pidFile} holds; healthy while it runs (not a zombie). Pid files,
   * not process names: network namespaces do not separate processes.
   */
  record Process(Path pidFile) implements CheckSpec {}
}
