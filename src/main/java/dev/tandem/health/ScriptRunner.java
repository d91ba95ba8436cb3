package dev.tandem.health;

import java.time.Duration;
import java.util.List;

/** Runs a script to completion within a bound ({@link ScriptProcess#run} on a real host). */
@FunctionalInterface
public interface ScriptRunner {
  ScriptResult run(List<String> argv, Duration timeout);
}
