package dev.tandem.app;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * tandem's logging, set up in code rather than from a logback.xml: keepalived-like lines on stderr
 * ("... tandem: (VI_1) Entering MASTER STATE", what operators grep for), written by a thread of
 * their own, the libraries quiet. Reading
 * XML would load an XML parser and logback's configuration model, hundreds of classes, at every
 * start. An operator's own file still wins: {@code -Dlogback.configurationFile=...}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} tandem: %msg%n";
  /** Lines waiting to be written; none is dropped (a full queue makes the logger wait). */
  private static final int QUEUE = 4096;
  private static final List<String> QUIET = List.of("com.zaxxer.hikari", "slick", "org.apache.pekko", "org.pcap4j");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    // Written by a thread of its own: the VRRP thread logs a takeover while its advert waits behind it.
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("ASYNC");
    async.setQueueSize(QUEUE);
    async.setDiscardingThreshold(0);
    async.addAppender(stderr);
    async.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(async);
    // Drains the queue at exit, so the last lines ("Stopped") are written.
    Runtime.getRuntime().addShutdownHook(new Thread(context::stop, "log-flush"));
    QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
    // Its warning on closing a session of a database H2 has closed (a full disk) is a long stack
    // trace; the instance logs the outage itself, once.
    context.getLogger("slick.basic.BasicBackend").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
