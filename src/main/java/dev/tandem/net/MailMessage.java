package dev.tandem.net;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One alert email in keepalived 2.2.7's form (smtp.c, SMTP_HEADERS_CMD / SMTP_BODY_CMD): Date,
 * From, Subject, X-Mailer: Keepalived, To (all recipients, comma-separated), a blank line and the
 * body.
 */
public record MailMessage(String from, List<String> to, String subject, String body, ZonedDateTime date) {
  /** keepalived's strftime "%a, %d %b %Y %H:%M:%S %z". */
  private static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

  public MailMessage {
    to = List.copyOf(to);
  }

  /** The DATA section without the terminating dot; lines starting with a dot are doubled (RFC 5321 §4.5.2). */
  public String data() {
    String text = "Date: " + RFC822.format(date) + "\r\n"
        + "From: " + from + "\r\n"
        + "Subject: " + subject + "\r\n"
        + "X-Mailer: Keepalived\r\n"
        + "To: " + String.join(", ", to) + "\r\n"
        + "\r\n"
        + body + "\r\n";
    return text.replace("\r\n.", "\r\n..");
  }
}
