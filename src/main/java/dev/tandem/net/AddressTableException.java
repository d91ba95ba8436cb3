package dev.tandem.net;

/** An address change or read failed: the message names the command and what iproute2 said. */
public final class AddressTableException extends RuntimeException {
  public AddressTableException(String message) {
    super(message);
  }
}
