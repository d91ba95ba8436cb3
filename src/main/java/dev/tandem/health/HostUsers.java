package dev.tandem.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** Who tandem runs as and which users exist, asked of the system (NSS through `id`, so LDAP users count). */
public interface HostUsers {
  boolean runningAsRoot();

  /** The uid of {@code user}, empty when there is no such user. */
  OptionalInt uid(String user);

  default boolean exists(String user) {
    return uid(user).isPresent();
  }

  static HostUsers system() {
    return new HostUsers() {
      @Override
      public boolean runningAsRoot() {
        try {
          return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException e) {
          return false;
        }
      }

      @Override
      public OptionalInt uid(String user) {
        try {
          Process id = new ProcessBuilder("id", "-u", "--", user).redirectErrorStream(true).start();
          String out = new String(id.getInputStream().readAllBytes()).strip();
          boolean done = id.waitFor(2, TimeUnit.SECONDS);
          return done && id.exitValue() == 0 && out.matches("[0-9]+") ? OptionalInt.of(Integer.parseInt(out))
              : OptionalInt.empty();
        } catch (IOException e) {
          return OptionalInt.empty();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return OptionalInt.empty();
        }
      }
    };
  }
}
