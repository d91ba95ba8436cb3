package dev.tandem.lab;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * A check an instance tracks, written out as a keepalived {@code vrrp_script} or as a tandem
 * {@code tandem.scripts} entry with the same interval, weight, rise and fall. {@code script} gives
 * the script both daemons run on a node (each node checks its own nginx, so the path is the node's);
 * without one, {@code builtIn} is tandem's built-in check (HOCON, e.g. {@code http { url = ... }}),
 * which keepalived does not have.
 */
public record LabCheck(String name, Optional<Function<LabNode, Path>> script, String builtIn, int intervalSeconds, int weight,
    int rise, int fall) {

  /** A script both daemons run, every second, rise and fall 1, weight 0 (failure means Fault). */
  public static LabCheck script(String name, Function<LabNode, Path> script) {
    return new LabCheck(name, Optional.of(script), "", 1, 0, 1, 1);
  }

  /** tandem's built-in HTTP check of {@code url} with that Host header, every second, rise and fall 1, weight 0. */
  public static LabCheck http(String name, String url, String host) {
    return new LabCheck(name, Optional.empty(), "http { url = \"" + url + "\", host = \"" + host + "\" }", 1, 0, 1, 1);
  }

  public LabCheck withWeight(int newWeight) {
    return new LabCheck(name, script, builtIn, intervalSeconds, newWeight, rise, fall);
  }

  public LabCheck withFall(int newFall) {
    return new LabCheck(name, script, builtIn, intervalSeconds, weight, rise, newFall);
  }

  String keepalivedBlock(LabNode node) {
    Path path = script.orElseThrow(() -> new LabException(
        "keepalived has no built-in check like tandem's \"" + name + "\": " + builtIn)).apply(node);
    return "vrrp_script " + name + " {\n    script \"" + path + "\"\n    interval " + intervalSeconds
        + "\n    weight " + weight + "\n    rise " + rise + "\n    fall " + fall + "\n}\n";
  }

  String hoconBlock(LabNode node) {
    String check = script.map(path -> "script = \"" + path.apply(node) + "\"").orElse(builtIn);
    return "    " + name + " { " + check + ", interval = " + intervalSeconds + "s, weight = " + weight
        + ", rise = " + rise + ", fall = " + fall + " }\n";
  }
}
