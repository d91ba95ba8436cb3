package dev.tandem.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file under config/broken holds one mistake (several-mistakes.conf holds several); its first
 * lines say what must be reported: "# expect: SEVERITY LINE KEY". Exactly those problems, in that
 * file, are reported: nothing missing, nothing extra.
 */
class BrokenConfigTest {
  private static final Path CORPUS = Path.of("src/test/resources/config/broken");
  private static final HostFacts HOST = new HostFacts("lb01", Set.of("eth0", "eth1", "lo"), false);

  static Stream<Path> brokenFiles() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.sorted().collect(Collectors.toList()).stream();
    }
  }

  @Test
  void corpusIsLargeEnough() throws IOException {
    assertTrue(brokenFiles().count() >= 25);
  }

  @ParameterizedTest
  @MethodSource("brokenFiles")
  void reportsExactlyTheExpectedProblems(Path file) throws IOException {
    Set<String> expected = Files.readAllLines(file).stream()
        .takeWhile(line -> line.startsWith("# expect: "))
        .map(line -> file + ":" + line.substring("# expect: ".length()))
        .collect(Collectors.toSet());
    assertFalse(expected.isEmpty(), "the file states what to expect");

    LoadResult result = ConfigLoader.load(file, HOST);

    List<String> reported = result.problems().stream()
        .map(p -> p.origin().file() + ":" + p.severity() + " " + p.origin().line() + " " + p.key())
        .collect(Collectors.toList());
    assertEquals(expected, Set.copyOf(reported), () -> result.problems().stream()
        .map(ConfigProblem::render).collect(Collectors.joining("\n")));
    assertEquals(result.hasErrors(), result.config().isEmpty(), "a config exactly when there is no error");
  }
}
