package dev.tandem.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads one entry of tandem.scripts, merged over script-defaults (its built-in check over check-defaults). */
final class ScriptSection {
  private static final Duration MAX_PERIOD = Duration.ofDays(1);
  /** What an entry can run: exactly one of these. */
  private static final List<String> KINDS = List.of("script", "http", "tcp", "process");

  private ScriptSection() {}

  static ScriptConfig read(String name, SettingReader script, SettingReader checkDefaults) {
    CheckSpec check = readCheck(script, checkDefaults);
    Duration interval = script.duration("interval", Duration.ofMillis(1), MAX_PERIOD).orElse(Duration.ofSeconds(1));
    // keepalived: the timeout defaults to the interval.
    Duration timeout = script.duration("timeout", Duration.ofMillis(1), MAX_PERIOD).orElse(interval);
    return new ScriptConfig(
        name,
        check,
        interval,
        timeout,
        script.integer("weight", -WeightedName.MAX_WEIGHT, WeightedName.MAX_WEIGHT).orElse(0),
        script.integer("rise", 1, Integer.MAX_VALUE).orElse(1),
        script.integer("fall", 1, Integer.MAX_VALUE).orElse(1),
        script.nonEmptyString("user"),
        script.objectOrigin());
  }

  private static CheckSpec readCheck(SettingReader script, SettingReader checkDefaults) {
    List<String> given = KINDS.stream().filter(script::has).collect(Collectors.toList());
    if (given.isEmpty()) {
      script.problemAt(script.objectOrigin(), "script",
          "missing: a command line `script`, or one built-in check: `http`, `tcp` or `process`");
      return new CheckSpec.Script("");
    }
    for (String extra : given.subList(1, given.size())) {
      script.error(extra, "an entry runs exactly one check, and this one has `" + given.get(0) + "` already");
    }
    String kind = given.get(0);
    switch (kind) {
      case "http":
        return readHttp(script.nested(kind, checkDefaults.objectAt(kind)));
      case "tcp":
        return readTcp(script.nested(kind, checkDefaults.objectAt(kind)));
      case "process":
        return readProcess(script.nested(kind, checkDefaults.objectAt(kind)));
      default:
        return new CheckSpec.Script(script.commandLine("script").orElse(""));
    }
  }

  private static CheckSpec readHttp(SettingReader http) {
    URI url = http.require("url") ? http.nonEmptyString("url").flatMap(text -> url(http, text)).orElse(null) : null;
    return new CheckSpec.Http(url, http.integer("status", 100, 599).orElse(200), http.nonEmptyString("host"));
  }

  private static Optional<URI> url(SettingReader http, String text) {
    try {
      URI url = new URI(text.trim());
      if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
        return Optional.of(url);
      }
    } catch (URISyntaxException e) {
      // reported below, as for any other text that is not an http(s) URL
    }
    http.error("url", "expected an http:// or https:// URL with a host, got \"" + text + "\"");
    return Optional.empty();
  }

  private static CheckSpec readTcp(SettingReader tcp) {
    String host = tcp.require("host") ? tcp.nonEmptyString("host").map(String::trim).orElse("") : "";
    int port = tcp.require("port") ? tcp.integer("port", 1, 65535).orElse(0) : 0;
    return new CheckSpec.Tcp(host, port);
  }

  private static CheckSpec readProcess(SettingReader process) {
    String text = process.require("pid-file") ? process.nonEmptyString("pid-file").orElse("") : "";
    if (!text.isEmpty() && !text.startsWith("/")) {
      process.error("pid-file", "must be an absolute path, got \"" + text + "\"");
    }
    return new CheckSpec.Process(Path.of(text));
  }
}
