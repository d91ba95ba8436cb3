package dev.tandem.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample in conf/ (and conf/docker/, the compose nodes') loads without an error on a host that has eth0. */
class SampleConfigsTest {
  static Stream<Path> samples() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.walk(Path.of("conf"))) {
      files = listing.filter(p -> p.toString().endsWith(".conf")).sorted().collect(Collectors.toList());
    }
    assertFalse(files.isEmpty(), "conf/ has samples");
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void loadsWithoutErrors(Path sample) {
    LoadResult result = ConfigLoader.load(sample, new HostFacts("lb01", Set.of("eth0", "lo"), true));
    assertFalse(result.hasErrors(), () -> result.problems().stream().map(ConfigProblem::render).collect(Collectors.joining("\n")));
    assertTrue(result.config().isPresent());
    assertFalse(result.config().get().instances().isEmpty());
  }
}
