package dev.tandem.bench;

import dev.tandem.lab.LabException;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Part of figure 5: the wall time of {@code --version}, a start that does nothing, so the start-up
 * figure can be split into the program's bare start and its own work. Runs no network.
 */
final class StartBaseline implements Scenario {
  private static final long BOUND_SECONDS = 30;

  private final int repetitions;

  StartBaseline(int repetitions) {
    this.repetitions = repetitions;
  }

  @Override
  public String name() {
    return "version-baseline";
  }

  @Override
  public Set<Figure> figures() {
    return EnumSet.of(Figure.RESTART);
  }

  @Override
  public void run(Daemon daemon, Results results) {
    for (int i = 0; i < repetitions; i++) {
      long started = System.nanoTime();
      try {
        Process process = new ProcessBuilder(daemon.versionCommand()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new LabException(String.join(" ", daemon.versionCommand()) + " did not exit within " + BOUND_SECONDS + " s");
        }
      } catch (IOException e) {
        throw new LabException("cannot run " + daemon.versionCommand().get(0) + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LabException("interrupted");
      }
      results.add(Metric.VERSION_BASELINE, daemon, (System.nanoTime() - started) / 1e6);
    }
  }
}
