package dev.tandem.bench;

import java.util.Arrays;
import java.util.Optional;

/** The figures of issue 4, item 5, each selectable by its key ({@code -Dbench.only=failover-v2,sigterm}). */
public enum Figure {
  FAILOVER_V2("failover-v2", "1. Hard failover (SIGKILL), v2, advert 1 s, backup priority 100"),
  FAILOVER_V3("failover-v3", "2. Hard failover (SIGKILL), v3, advert 0.1 s, backup priority 100"),
  SIGTERM("sigterm", "3. SIGTERM handover, v2, advert 1 s, backup priority 100"),
  INTERVAL_V2("interval-v2", "4. Master's advert interval, v2 1 s"),
  INTERVAL_V3("interval-v3", "4. Master's advert interval, v3 0.1 s"),
  RESTART("restart", "5. Restart of the old master (priority 150, v2 1 s) until it is master again"),
  RESOURCES("resources", "6. Resources, 100 instances (v2 1 s, one VIP each), master and backup"),
  EXIT("exit", "7. SIGTERM until the process is gone"),
  NGINX_KILLED("nginx-killed",
      "8. nginx killed on the master and unable to restart (check_nginx, interval 1 s, fall 2), client every 20 ms"),
  RELOAD("reload", "11. Master's advert interval, v3 0.1 s, while its unchanged configuration is reloaded (SIGHUP) "
      + "20 times"),
  /** Measured by {@link AuditBenchmark}, not by the failover benchmark. */
  AUDIT("audit", "9. tandem audit over a journal of 1,000,000 events, -Xmx256m"),
  /** Measured by {@code instance.JournalLatencyBenchmark}, not by the failover benchmark. */
  JOURNAL("journal", "10. Journal write latency: decision -> event durable in the embedded H2 journal");

  private final String key;
  private final String title;

  Figure(String key, String title) {
    this.key = key;
    this.title = title;
  }

  String key() {
    return key;
  }

  public String title() {
    return title;
  }

  static Optional<Figure> byKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }
}
