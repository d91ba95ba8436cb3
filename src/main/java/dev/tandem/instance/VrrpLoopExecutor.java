package dev.tandem.instance;

import com.typesafe.config.Config;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * The executor of the {@code tandem-vrrp-loop} dispatcher, where each instance's router, advert
 * sender and advert receiver run: the {@link PreciseScheduler}'s own thread. A timer that fires
 * then goes on to the router and the sender on the thread it woke, as in keepalived's single loop,
 * instead of waking a pool thread for each hop (each wake-up is a fraction of a millisecond, more
 * on a busy host). Under manual time (tests) the dispatcher gets one thread of its own.
 */
public final class VrrpLoopExecutor extends ExecutorServiceConfigurator {
  /** The dispatcher's id in the actor system's configuration (runtime.conf). */
  public static final String DISPATCHER = "tandem-vrrp-loop";

  private final DispatcherPrerequisites prerequisites;

  public VrrpLoopExecutor(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    this.prerequisites = prerequisites;
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
    return () -> prerequisites.scheduler() instanceof PreciseScheduler precise
        ? precise.loop()
        : Executors.newSingleThreadExecutor(threadFactory);
  }
}
