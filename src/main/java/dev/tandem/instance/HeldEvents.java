package dev.tandem.instance;

/**
 * An instance's events that wait for the journal ({@code held}: none while the journal writes) and
 * those dropped, oldest first, because more than the backlog's capacity waited.
 */
public record HeldEvents(int held, long dropped) {
  public static HeldEvents none() {
    return new HeldEvents(0, 0);
  }
}
