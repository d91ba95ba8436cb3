package dev.tandem.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads tandem.global and tandem.journal. */
final class GlobalSection {
  /** The retention value that keeps every event. */
  private static final String KEEP_ALL = "forever";

  private GlobalSection() {}

  static GlobalConfig read(SettingReader global, HostFacts host) {
    String nodeId = global.string("node-id").map(String::trim).orElse("");
    if (nodeId.isEmpty()) {
      nodeId = host.hostName() == null ? "" : host.hostName().trim();
      if (nodeId.isEmpty()) {
        global.error("node-id", "is empty and the host name is unknown: set a node id unique to this host");
      }
    }
    String routerId = global.string("router-id").map(String::trim).filter(id -> !id.isEmpty()).orElse(nodeId);
    Optional<String> smtpServer = noneIfEmpty(global.string("smtp-server"));
    smtpServer.ifPresent(server -> checkSmtpServer(global, server));
    List<String> emails = global.stringList("notification-email");
    boolean smtpAlert = global.bool("smtp-alert").orElse(false);
    if (smtpAlert && (smtpServer.isEmpty() || emails.isEmpty())) {
      global.warning("smtp-alert", "is on but " + (smtpServer.isEmpty() ? "smtp-server" : "notification-email")
          + " is not set: no alert email will be sent");
    }
    return new GlobalConfig(
        nodeId,
        routerId,
        emails,
        noneIfEmpty(global.string("notification-email-from")),
        smtpServer,
        global.duration("smtp-connect-timeout", Duration.ofMillis(1), Duration.ofHours(1)).orElse(Duration.ZERO),
        smtpAlert,
        global.bool("enable-script-security").orElse(false),
        global.nonEmptyString("script-user"),
        global.bool("handover-on-stop").orElse(false),
        global.integer("vrrp-rt-priority", 0, 99).orElse(0));
  }

  static JournalConfig readJournal(SettingReader journal) {
    Optional<Duration> retention = journal.string("retention").map(String::trim).filter(KEEP_ALL::equals).isPresent()
        ? Optional.empty()
        : journal.duration("retention", Duration.ofHours(1), Duration.ofDays(36_500));
    return new JournalConfig(Path.of(journal.nonEmptyString("dir").orElse("journal")), retention);
  }

  private static Optional<String> noneIfEmpty(Optional<String> text) {
    return text.map(String::trim).filter(t -> !t.isEmpty());
  }

  private static void checkSmtpServer(SettingReader global, String server) {
    int colon = server.lastIndexOf(':');
    if (colon < 0) {
      return;
    }
    String port = server.substring(colon + 1);
    boolean valid = port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    if (!valid || colon == 0) {
      global.error("smtp-server", "expected \"host\" or \"host:port\" with a port 1-65535, got \"" + server + "\"");
    }
  }
}
