package dev.tandem.net;

/** An address change or read failed: the message names the change, the device and the kernel's reason. */
public final class AddressTableException extends RuntimeException {
  public AddressTableException(String message) {
    super(message);
  }
}
