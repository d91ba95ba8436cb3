package dev.tandem.testsupport;

import java.util.HexFormat;

/** Hex strings with spaces allowed, for readable known-answer tests. */
public final class Hex {
  private Hex() {}

  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }
}
