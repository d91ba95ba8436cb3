package dev.tandem.net;

/** A network interface cannot be used as a {@link Link}; the message says why, for the operator. */
public final class LinkException extends Exception {
  public LinkException(String message) {
    super(message);
  }

  public LinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
