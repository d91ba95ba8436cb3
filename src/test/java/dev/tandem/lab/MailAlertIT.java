package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testsupport.SmtpSink;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * keepalived's smtp_alert across the lab: both tandem nodes email their transitions to one SMTP
 * server on the client host (192.0.2.50:25), a mail relay elsewhere on the segment as in seed 003,
 * rather than a sink on each node's loopback: the mails cross the bridge, and the sink tells the
 * nodes apart by their source address. The sink is {@link SmtpSink#main}, its own JVM in the client's
 * namespace, stopped by its PID.
 */
class MailAlertIT extends TwoNodeLab {
  private static final String SMTP_HOST = "192.0.2.50";
  private static final int SMTP_PORT = 25;
  private static final List<String> RECIPIENTS = List.of("ops@example.com", "oncall@example.com");
  /** Short, so that the blackhole's failure shows within the test; keepalived's default is 30 s. */
  private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(3);
  /** tandem's log line timestamp (LogSetup), in this machine's zone like the test's JVM. */
  private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final String NOW_OWNING = "=> VRRP Instance is now owning VRRP VIPs <=";
  private static final String NO_LONGER_OWNING = "=> VRRP Instance is no longer owning VRRP VIPs <=";

  @Test
  void eachNodeEmailsItsTransitionsInKeepalivedsWordsAndTheBackupItsTakeoverWhenTheMasterStops() {
    LabProcess sink = startSink(SmtpSink.Mode.ACCEPT);
    // VRRPv2 at 1 s: the release's bounds (Skew_Time to Master_Down_Interval) hold on a loaded machine.
    Pair pair = startAlertingPair(LabInstance.v2("VI_1", 71, 150, "192.0.2.121/24"));

    Instant stopped = Instant.now();
    assertEquals(0, pair.onLb1().terminate(BOUND), "exit 0 on SIGTERM: " + pair.onLb1().log());
    awaitRelease(pair.backup(), stopped, pair.onLb2());
    assertTrue(Lab.waitFor(BOUND, () -> mails(sink, lb2).size() == 2), sink.log() + pair.onLb2().log());

    List<SmtpSink.Received> fromLb1 = mails(sink, lb1);
    List<SmtpSink.Received> fromLb2 = mails(sink, lb2);
    // Backup first, as every instance at start (keepalived's "Entering BACKUP STATE (init)").
    assertEquals(List.of(
            "[lb1] VRRP Instance VI_1 - Entering BACKUP state\n" + NO_LONGER_OWNING,
            "[lb1] VRRP Instance VI_1 - Entering MASTER state\n" + NOW_OWNING),
        fromLb1.stream().limit(2).map(MailAlertIT::subjectAndBody).toList(), sink.log());
    // The stop's email is not waited for (a hung server must not hold up the exit, see the
    // blackhole case), so the exit may cut it short. When it comes, it is keepalived's.
    List<String> atStop = fromLb1.stream().skip(2).map(MailAlertIT::subjectAndBody).toList();
    assertTrue(atStop.isEmpty() || atStop.equals(List.of("[lb1] VRRP Instance VI_1 - Stopping\n=> VRRP Instance stopping <=")),
        sink.log());
    System.out.printf("mail on stop: %s%n", atStop.isEmpty() ? "not sent before exit" : "sent");
    assertEquals(List.of(
            "[lb2] VRRP Instance VI_1 - Entering BACKUP state\n" + NO_LONGER_OWNING,
            "[lb2] VRRP Instance VI_1 - Entering MASTER state\n" + NOW_OWNING),
        fromLb2.stream().map(MailAlertIT::subjectAndBody).toList(), sink.log());

    SmtpSink.Received takeover = fromLb2.get(1);
    assertEquals(List.of("MAIL FROM:<lb2@example.com>", "RCPT TO:<ops@example.com>", "RCPT TO:<oncall@example.com>",
        "DATA", "QUIT"), takeover.commands().subList(1, takeover.commands().size()), "keepalived's SMTP dialogue");
    assertTrue(takeover.commands().get(0).startsWith("HELO "), takeover.commands().toString());
    assertEquals(List.of("lb2@example.com", "ops@example.com, oncall@example.com", "Keepalived"),
        List.of(takeover.header("From"), takeover.header("To"), takeover.header("X-Mailer")));
    assertTrue(takeover.header("Date").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}"),
        "RFC 822 date as keepalived's strftime: " + takeover.header("Date"));
  }

  @Test
  void aMailServerThatNeverAnswersDelaysNeitherTheTakeoverNorTheVipAndTheFailureIsLoggedAfterTheTimeout() {
    LabProcess sink = startSink(SmtpSink.Mode.ACCEPT);
    Pair pair = startAlertingPair(LabInstance.v3("VI_1", 72, 150, "192.0.2.122/24"));
    // The server hangs only now, so that the takeover's email is the backup's first to fail (a
    // failing server is logged once, until mail gets through again).
    assertTrue(Lab.waitFor(BOUND, () -> mails(sink, lb2).size() == 1), sink.log());
    sink.terminate(BOUND);
    startSink(SmtpSink.Mode.SILENT);

    Instant killed = Instant.now();
    pair.onLb1().kill();
    Handover takeover = awaitTakeover(pair.backup(), killed, pair.onLb2());
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, pair.vip())), pair.onLb2().log());

    String failed = "(VI_1) SMTP alert (MASTER) to " + SMTP_HOST + ":" + SMTP_PORT + " not sent";
    assertTrue(Lab.waitFor(SMTP_TIMEOUT.plus(BOUND), () -> logLine(pair.onLb2(), failed).isPresent()),
        pair.onLb2().log());
    Instant loggedAt = logTime(logLine(pair.onLb2(), failed).orElseThrow());
    Duration afterTakeover = Duration.between(takeover.firstOfNew().at(), loggedAt);
    // Logged when the greeting's read timed out: not before SMTP_TIMEOUT (less the log's and the
    // capture's clock granularity), and not much after it on this loaded machine.
    assertTrue(afterTakeover.compareTo(SMTP_TIMEOUT.minusMillis(200)) > 0
            && afterTakeover.compareTo(SMTP_TIMEOUT.plus(BOUND)) < 0,
        "the failure is logged " + SMTP_TIMEOUT + " after the transition, got " + afterTakeover + ": "
            + pair.onLb2().log());
    System.out.printf("mail blackhole: takeover gap %s, failure logged %s after the new master's first advert%n",
        takeover.gap(), afterTakeover);

    // Nor does it hold up a stop: the Stopping email to the hung server is not waited for.
    Instant stopping = Instant.now();
    int exit = pair.onLb2().terminate(BOUND);
    Duration stopTook = Duration.between(stopping, Instant.now());
    assertEquals(0, exit, pair.onLb2().log());
    assertTrue(stopTook.compareTo(SMTP_TIMEOUT) < 0, "exit before the mail timeout, took " + stopTook);
    System.out.printf("mail blackhole: SIGTERM to exit %s%n", stopTook);
  }

  /**
   * lb1 (the master) and lb2 (priority 100, starting as Backup), both emailing their transitions to
   * the lab's sink; once settled.
   */
  private Pair startAlertingPair(LabInstance master) {
    LabInstance backup = master.withPriority(100).startingAsBackup();
    LabProcess first = startAlerting(lb1, master);
    awaitFirstMaster(first, master);
    return settledPair(first, startAlerting(lb2, backup), master, backup);
  }

  private LabProcess startAlerting(LabNode node, LabInstance instance) {
    String hocon = LabConfigs.tandem(node, lab.nodes(), List.of(instance))
        + LabConfigs.smtpAlerts(SMTP_HOST + ":" + SMTP_PORT, RECIPIENTS, node.name() + "@example.com", SMTP_TIMEOUT);
    return stopAfterTest(lab.startTandem(node, jar, hocon));
  }

  /** {@link SmtpSink#main} on the client, from the test classes and the tandem jar (for Jackson); once it listens. */
  private LabProcess startSink(SmtpSink.Mode mode) {
    String classPath = testClasses() + ":" + jar.toAbsolutePath();
    LabProcess sink = stopAfterTest(lab.start(lab.client(), "smtp-sink", List.of(Lab.javaExecutable(), "-cp", classPath,
        SmtpSink.class.getName(), SMTP_HOST, Integer.toString(SMTP_PORT), mode.name())));
    assertTrue(Lab.waitFor(STARTUP, () -> sink.log().contains(SmtpSink.LISTENING) || !sink.isRunning()), sink.log());
    assertTrue(sink.isRunning(), "the SMTP sink exited: " + sink.log());
    return sink;
  }

  private static Path testClasses() {
    try {
      return Path.of(SmtpSink.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("where the test classes are: " + e.getMessage(), e);
    }
  }

  private static List<SmtpSink.Received> mails(LabProcess sink, LabNode from) {
    return SmtpSink.parse(sink.log()).stream().filter(mail -> mail.client().equals(from.address())).toList();
  }

  private static String subjectAndBody(SmtpSink.Received mail) {
    return mail.header("Subject") + "\n" + mail.data().substring(mail.data().indexOf("\r\n\r\n") + 4);
  }

  private static Optional<String> logLine(LabProcess process, String text) {
    return process.log().lines().filter(line -> line.contains(text)).findFirst();
  }

  private static Instant logTime(String line) {
    return LocalDateTime.parse(line.substring(0, 23), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant();
  }
}
