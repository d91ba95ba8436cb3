package dev.tandem.health;

/**
 * How a script run ended: its exit status (for a process killed by a signal, 128 + the signal, as a
 * shell reports it; 127 when it could not be started), whether it was killed for overrunning its
 * time, and the start of what it printed (stdout and stderr together).
 */
public record ScriptResult(int exitStatus, boolean timedOut, String output) {
  public boolean succeeded() {
    return exitStatus == 0 && !timedOut;
  }
}
