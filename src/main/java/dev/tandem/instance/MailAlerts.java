package dev.tandem.instance;

import dev.tandem.config.GlobalConfig;
import dev.tandem.net.MailMessage;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Where and how transition emails go (keepalived's smtp_alert): the router id for the subject,
 * sender, recipients, the SMTP server and the timeout of its connect and of each reply.
 */
public record MailAlerts(String routerId, String from, List<String> to, String host, int port, Duration timeout) {
  private static final int SMTP_PORT = 25;

  public MailAlerts {
    to = List.copyOf(to);
  }

  /**
   * The alerts {@code global} asks for: none unless smtp-alert is on (keepalived's default is off)
   * with a server and recipients. Without notification-email-from keepalived sends as
   * {@code user@host}: {@code defaultFrom}.
   */
  public static Optional<MailAlerts> of(GlobalConfig global, String defaultFrom) {
    if (!global.smtpAlert() || global.smtpServer().isEmpty() || global.notificationEmail().isEmpty()) {
      return Optional.empty();
    }
    String server = global.smtpServer().get();
    int colon = server.lastIndexOf(':');
    String host = colon < 0 ? server : server.substring(0, colon);
    int port = colon < 0 ? SMTP_PORT : Integer.parseInt(server.substring(colon + 1));
    return Optional.of(new MailAlerts(global.routerId(), global.notificationEmailFrom().orElse(defaultFrom),
        global.notificationEmail(), host, port, global.smtpConnectTimeout()));
  }

  /** keepalived's vrrp_smtp_notifier: "[router_id] VRRP Instance VI_1 - Entering MASTER state" and its body. */
  MailMessage message(String instance, NotifyState state, ZonedDateTime date) {
    Wording wording = Wording.of(state);
    return new MailMessage(from, to, "[" + routerId + "] VRRP Instance " + instance + " - " + wording.subject(),
        wording.body(), date);
  }

  private record Wording(String subject, String body) {
    static Wording of(NotifyState state) {
      String released = "=> VRRP Instance is no longer owning VRRP VIPs <=";
      switch (state) {
        case MASTER:
          return new Wording("Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <=");
        case BACKUP:
          return new Wording("Entering BACKUP state", released);
        case FAULT:
          return new Wording("Entering FAULT state", released);
        default:
          return new Wording("Stopping", "=> VRRP Instance stopping <=");
      }
    }
  }
}
