package dev.tandem.instance;

import com.typesafe.config.Config;
import java.io.Closeable;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko's scheduler on a {@link ScheduledThreadPoolExecutor}. Pekko's default wheel ticks every
 * 10 ms, so a timer fires up to a tick late (20 ms p50 measured for a re-armed 100 ms timer); VRRP
 * needs Master_Down_Interval to within a millisecond, which a parked thread gives (0.2 ms p50).
 * Installed with {@code pekko.scheduler.implementation}; tests replace it with manual time. Its
 * thread is also the VRRP loop's ({@link VrrpLoopExecutor}); with {@value #REALTIME_PRIORITY} set
 * (global.vrrp-rt-priority) it runs with real-time scheduling.
 */
public final class PreciseScheduler implements Scheduler, Closeable {
  /** The actor system's setting for the thread's real-time priority, 0 for normal scheduling. */
  public static final String REALTIME_PRIORITY = "tandem-vrrp-loop.realtime-priority";

  private final ScheduledThreadPoolExecutor executor;

  /** The VRRP thread's real-time priority in the actor system's settings; 0 where they have none (tests). */
  static int realtimePriority(Config config) {
    return config.hasPath(REALTIME_PRIORITY) ? config.getInt(REALTIME_PRIORITY) : 0;
  }

  public PreciseScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
    executor = new ScheduledThreadPoolExecutor(1,
        RealtimeScheduling.threads(threadFactory, realtimePriority(config), "VRRP thread"));
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable, ExecutionContext ec) {
    return new FutureCancellable(executor.schedule(() -> ec.execute(runnable), delay.toNanos(), TimeUnit.NANOSECONDS));
  }

  @Override
  public Cancellable schedule(FiniteDuration initialDelay, FiniteDuration interval, Runnable runnable, ExecutionContext ec) {
    return new FutureCancellable(executor.scheduleAtFixedRate(() -> ec.execute(runnable), initialDelay.toNanos(),
        interval.toNanos(), TimeUnit.NANOSECONDS));
  }

  /**
   * This scheduler's thread as an executor for the VRRP loop dispatcher ({@link VrrpLoopExecutor}):
   * the dispatcher cannot shut it down, the scheduler stops it with the system.
   */
  ExecutorService loop() {
    return new AbstractExecutorService() {
      @Override
      public void execute(Runnable task) {
        executor.execute(task);
      }

      @Override
      public void shutdown() {}

      @Override
      public List<Runnable> shutdownNow() {
        return List.of();
      }

      @Override
      public boolean isShutdown() {
        return executor.isShutdown();
      }

      @Override
      public boolean isTerminated() {
        return executor.isTerminated();
      }

      @Override
      public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return executor.awaitTermination(timeout, unit);
      }
    };
  }

  @Override
  public double maxFrequency() {
    return 1000.0;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private record FutureCancellable(ScheduledFuture<?> future) implements Cancellable {
    @Override
    public boolean cancel() {
      return future.cancel(false);
    }

    @Override
    public boolean isCancelled() {
      return future.isCancelled();
    }
  }
}
