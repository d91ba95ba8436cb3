package dev.tandem.app;

/** The process exit codes, as operators' scripts see them. */
final class ExitCodes {
  static final int OK = 0;
  /** Something failed at run time: capture not permitted, journal not writable, ... */
  static final int RUNTIME_ERROR = 1;
  /** The configuration (or the command line) is wrong. */
  static final int CONFIG_ERROR = 2;

  private ExitCodes() {}
}
