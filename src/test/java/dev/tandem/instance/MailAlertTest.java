package dev.tandem.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.config.GlobalConfig;
import dev.tandem.instance.InstanceLab.Node;
import dev.tandem.testsupport.SmtpSink;
import dev.tandem.vrrp.VrrpState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** keepalived's smtp_alert: one email per transition to an SMTP sink on 127.0.0.1, never holding up VRRP. */
class MailAlertTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final InstanceLab lab = new InstanceLab();

  @AfterEach
  void close() {
    lab.close();
  }

  private static GlobalConfig global(boolean smtpAlert, Optional<String> server, List<String> emails) {
    return new GlobalConfig("lb1", "LVS_DEVEL", emails, Optional.empty(), server, Duration.ofSeconds(30), smtpAlert,
        false, Optional.empty(), false, 0);
  }

  @Test
  void alertsOnlyWhenSmtpAlertIsOnWithAServerAndRecipients() {
    List<String> ops = List.of("ops@example.com");
    assertEquals(Optional.empty(), MailAlerts.of(global(false, Optional.of("mail.example.com"), ops), "root@lb1"),
        "keepalived's default: smtp_alert off");
    assertEquals(Optional.empty(), MailAlerts.of(global(true, Optional.empty(), ops), "root@lb1"));
    assertEquals(Optional.empty(), MailAlerts.of(global(true, Optional.of("mail.example.com"), List.of()), "root@lb1"));
    assertEquals(Optional.of(new MailAlerts("LVS_DEVEL", "root@lb1", ops, "mail.example.com", 25, Duration.ofSeconds(30))),
        MailAlerts.of(global(true, Optional.of("mail.example.com"), ops), "root@lb1"));
    assertEquals(2525, MailAlerts.of(global(true, Optional.of("127.0.0.1:2525"), ops), "root@lb1").orElseThrow().port());
  }

  @Test
  void oneEmailPerTransitionInKeepalivedsWords() throws Exception {
    try (SmtpSink sink = new SmtpSink(SmtpSink.Mode.ACCEPT)) {
      lab.stop(electAlerting(sink, Duration.ofSeconds(5)));
      assertEquals(List.of(
          "[LVS_DEVEL] VRRP Instance VI_1 - Entering BACKUP state",
          "[LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state",
          "[LVS_DEVEL] VRRP Instance VI_1 - Stopping"),
          List.of(subject(sink), subject(sink), subject(sink)));
    }
  }

  @Test
  void aServerThatNeverAnswersDoesNotDelayTheTakeover() throws IOException {
    try (SmtpSink sink = new SmtpSink(SmtpSink.Mode.SILENT)) {
      // elect: no advert before a's Master_Down_Interval and a's first advert 1 ms after it (waited
      // for 3 s at most), while its Mailer waits up to keepalived's 30 s for the silent server's greeting.
      // Closing the sink at the end resets that connection.
      Node a = electAlerting(sink, Duration.ofSeconds(30));
      lab.awaitState(a, VrrpState.MASTER);
      lab.awaitAddresses(a, List.of("192.0.2.100/24"));
    }
  }

  /** Node a (150, alerting to {@code sink}) wins the election against b (100); returns a. */
  private Node electAlerting(SmtpSink sink, Duration timeout) {
    MailAlerts alerts = new MailAlerts("LVS_DEVEL", "root@lb1", List.of("ops@example.com"), "127.0.0.1", sink.port(),
        timeout);
    Node a = lab.start("a", 11, TestInstances.vi1(150, true), alerts);
    Node b = lab.start("b", 12, TestInstances.vi1(100, true));
    lab.elect(a, b);
    return a;
  }

  private static String subject(SmtpSink sink) throws InterruptedException {
    SmtpSink.Received received = sink.next(WAIT);
    return received == null ? "(no email within " + WAIT + ")" : received.header("Subject");
  }
}
