package dev.tandem.health;

import dev.tandem.config.GlobalConfig;
import dev.tandem.config.ScriptConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The user (and optionally group) a command line runs as, from keepalived's rules: the script's own
 * {@code user}, else the global script_user, else, when tandem runs as root, keepalived_script if
 * that user exists; empty means tandem's own user.
 */
public record ScriptUser(String user, Optional<String> group) {
  static final String KEEPALIVED_DEFAULT = "keepalived_script";

  /** "user" or "user group". */
  public static ScriptUser parse(String text) {
    String[] words = text.trim().split("\\s+");
    return new ScriptUser(words[0], words.length > 1 ? Optional.of(words[1]) : Optional.empty());
  }

  public static Optional<ScriptUser> of(ScriptConfig script, GlobalConfig global, boolean root,
      Predicate<String> userExists) {
    Optional<String> named = script.user().or(global::scriptUser);
    if (named.isPresent()) {
      return named.map(ScriptUser::parse);
    }
    return root && userExists.test(KEEPALIVED_DEFAULT)
        ? Optional.of(new ScriptUser(KEEPALIVED_DEFAULT, Optional.empty()))
        : Optional.empty();
  }

  /** The words that run the rest of a command line as this user: runuser -u USER [-g GROUP] --. */
  List<String> runuserPrefix() {
    return group.map(g -> List.of("runuser", "-u", user, "-g", g, "--")).orElseGet(() -> List.of("runuser", "-u", user, "--"));
  }

  @Override
  public String toString() {
    return group.map(g -> user + ":" + g).orElse(user);
  }
}
