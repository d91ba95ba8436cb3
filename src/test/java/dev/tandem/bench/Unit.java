package dev.tandem.bench;

import java.util.Locale;

/** The unit a metric is reported in, with the decimals worth printing (pcap stamps are in µs). */
enum Unit {
  MS("ms", 3),
  SECONDS("s", 2),
  MIB("MiB", 1),
  REQUESTS("requests", 0);

  private final String symbol;
  private final int decimals;

  Unit(String symbol, int decimals) {
    this.symbol = symbol;
    this.decimals = decimals;
  }

  String symbol() {
    return symbol;
  }

  String format(double value) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  String formatSigned(double value) {
    return String.format(Locale.ROOT, "%+." + decimals + "f", value);
  }
}
