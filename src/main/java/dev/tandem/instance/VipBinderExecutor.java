package dev.tandem.instance;

import com.typesafe.config.Config;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * The executor of the {@code tandem-vip-binder} dispatcher: one thread for every VIP binder, there
 * from the start and kept. With real-time VRRP (global.vrrp-rt-priority) it runs one real-time
 * priority below the VRRP thread: at a takeover a binder thread of normal priority waited 0.1-15 ms
 * for a core on a busy host before adding the address (timing probe, not kept), and below the VRRP
 * thread it cannot hold up an advert. Its work is short now that a change is two netlink calls.
 */
public final class VipBinderExecutor extends ExecutorServiceConfigurator {
  private final int priority;

  public VipBinderExecutor(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    this.priority = Math.max(0, PreciseScheduler.realtimePriority(prerequisites.settings().config()) - 1);
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
    return () -> Executors.newSingleThreadExecutor(RealtimeScheduling.threads(threadFactory, priority, "VIP binder thread"));
  }
}
