package dev.tandem.lab;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The log lines that tell of adverts a daemon could not accept: keepalived 2.2.7's receive errors
 * ("Invalid VRRPv3 checksum", "received an invalid passwd!", "advertisement interval mismatch",
 * "ip address associated with VRID 51 not present in MASTER advert", ...), which tandem logs with
 * the same words.
 */
final class VrrpLogs {
  private static final Pattern PROBLEM = Pattern.compile(
      "invalid|mismatch|bogus|not present|wrong version|unexpected|unknown vrid|too short|too long|auth",
      Pattern.CASE_INSENSITIVE);

  private VrrpLogs() {}

  static List<String> problems(String log) {
    return log.lines().filter(line -> PROBLEM.matcher(line).find()).toList();
  }
}
