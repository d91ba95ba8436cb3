package dev.tandem.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testsupport.SmtpSink;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain SMTP against an in-process sink on 127.0.0.1, in keepalived's dialogue and message format. */
class SmtpClientTest {
  private static final MailMessage MESSAGE = new MailMessage("root@lb1", List.of("ops@example.com", "oncall@example.com"),
      "[LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <=",
      ZonedDateTime.of(2021, 3, 1, 9, 44, 8, 0, ZoneOffset.UTC));

  @Test
  void sendsKeepalivedsDialogueAndMessage() throws Exception {
    try (SmtpSink sink = new SmtpSink(SmtpSink.Mode.ACCEPT)) {
      new SmtpClient("127.0.0.1", sink.port(), "lb1", Duration.ofSeconds(5)).send(MESSAGE);
      SmtpSink.Received got = sink.next(Duration.ofSeconds(5));
      assertEquals(List.of("HELO lb1", "MAIL FROM:<root@lb1>", "RCPT TO:<ops@example.com>", "RCPT TO:<oncall@example.com>",
          "DATA", "QUIT"), got.commands());
      assertEquals(String.join("\r\n",
          "Date: Mon, 01 Mar 2021 09:44:08 +0000",
          "From: root@lb1",
          "Subject: [LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state",
          "X-Mailer: Keepalived",
          "To: ops@example.com, oncall@example.com",
          "",
          "=> VRRP Instance is now owning VRRP VIPs <="), got.data());
    }
  }

  @Test
  void aLineStartingWithADotIsDoubledSoItCannotEndTheMessage() {
    MailMessage dotted = new MailMessage("a@b", List.of("c@d"), "s", "line\r\n.\r\nmore", MESSAGE.date());
    assertTrue(dotted.data().endsWith("line\r\n..\r\nmore\r\n"), dotted.data());
  }

  @Test
  void aRejectedRecipientNamesTheStepAndTheServersAnswer() throws IOException {
    try (SmtpSink sink = new SmtpSink(SmtpSink.Mode.REJECT_RECIPIENTS)) {
      IOException e = assertThrows(IOException.class,
          () -> new SmtpClient("127.0.0.1", sink.port(), "lb1", Duration.ofSeconds(5)).send(MESSAGE));
      assertEquals("RCPT: expected 250, server said \"550 5.1.1 no such user\"", e.getMessage());
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws IOException {
    try (SmtpSink sink = new SmtpSink(SmtpSink.Mode.SILENT)) {
      assertThrows(SocketTimeoutException.class,
          () -> new SmtpClient("127.0.0.1", sink.port(), "lb1", Duration.ofMillis(200)).send(MESSAGE));
    }
  }

  @Test
  void aClosedPortIsAnIoError() throws IOException {
    int port;
    try (SmtpSink sink = new SmtpSink(SmtpSink.Mode.SILENT)) {
      port = sink.port();
    }
    assertThrows(IOException.class, () -> new SmtpClient("127.0.0.1", port, "lb1", Duration.ofSeconds(2)).send(MESSAGE));
  }
}
