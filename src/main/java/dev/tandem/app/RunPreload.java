package dev.tandem.app;

import com.typesafe.config.ConfigFactory;
import dev.tandem.net.PcapLink;

/**
 * What {@code tandem run} needs first once its command line is parsed, and what takes longest to
 * load the first time, loaded on a thread of its own while picocli parses: every library's
 * reference.conf, merged (the configuration's defaults; ~0.1 s), and libpcap through JNA (~0.1 s).
 * The node hears its links from the moment they open (its first Master_Down_Interval counts from
 * then), so these come before the link on the way to a restarted master's first advert. Whatever
 * goes wrong here goes wrong again, and is reported, where run uses it.
 */
final class RunPreload {
  private RunPreload() {}

  static void start() {
    Thread preload = new Thread(() -> {
      try {
        ConfigFactory.defaultReference();
        PcapLink.libraryVersion();
      } catch (RuntimeException | LinkageError e) {
        // reported by run itself
      }
    }, "tandem-preload");
    preload.setDaemon(true);
    preload.start();
  }
}
