package dev.tandem.config;

import java.util.List;
import java.util.Optional;

/** One keepalived.conf line: its keyword, the words after it, and the { } block it opens, if any. */
record KeepalivedStatement(String keyword, List<String> args, Optional<List<KeepalivedStatement>> block, Origin origin) {
  String joinedArgs() {
    return String.join(" ", args);
  }
}
