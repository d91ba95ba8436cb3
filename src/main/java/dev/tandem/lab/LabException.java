package dev.tandem.lab;

/** The lab could not be built, a process could not be started or stopped, or a command failed. */
public final class LabException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LabException(String message) {
    super(message);
  }
}
