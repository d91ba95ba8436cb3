package dev.tandem.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testsupport.Environment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser shows it: headless Chromium (apt package chromium, see
 * src/scripts/setup.sh) parses the page and paints its SVG timeline.
 */
class HtmlRendersInChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 90;
  /** HtmlReport's color for MASTER bands. */
  private static final int MASTER_GREEN = 0x2e7d32;

  @TempDir
  Path dir;

  @Test
  void thePageParsesAndItsTimelinePaints() throws Exception {
    Environment.requireOrSkip(Files.isExecutable(CHROMIUM), "needs headless Chromium (apt install chromium)");
    Path page = dir.resolve("audit.html");
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(page, StandardCharsets.UTF_8))) {
      HtmlReport report = new HtmlReport(out);
      InstanceAnalysis analysis = new InstanceAnalysis(Events.VI, AuditFilter.ALL, FlapRule.DEFAULT, report);
      Events.crashAndPreemption().stream().map(JournalEntry::of)
          .sorted(Comparator.comparing(JournalEntry::at)).forEach(analysis::accept);
      analysis.finish(Events.at(200));
      report.finish();
    }

    String dom = chromium("--dump-dom", page.toUri().toString());
    assertEquals(1, dom.split("<svg", -1).length - 1, dom);
    assertTrue(dom.split("<rect", -1).length - 1 >= 5, dom);

    Path png = dir.resolve("audit.png");
    chromium("--screenshot=" + png, "--window-size=1100,700", page.toUri().toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(containsColor(image, MASTER_GREEN), "no MASTER band painted in " + png);
  }

  private String chromium(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--user-data-dir=" + dir.resolve("profile")));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile()).start();
    try {
      byte[] output = process.getInputStream().readAllBytes();
      assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "chromium did not finish");
      assertEquals(0, process.exitValue(), Files.readString(dir.resolve("chromium.log")));
      return new String(output, StandardCharsets.UTF_8);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static boolean containsColor(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
