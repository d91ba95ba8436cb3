package dev.tandem.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Converts a keepalived.conf (VRRP part) to tandem HOCON. Everything it does not convert is
 * reported with its file:line, never dropped silently; the values themselves are validated when
 * the result is loaded with {@link ConfigLoader#loadText}.
 */
public final class KeepalivedImporter {
  private static final Set<String> LVS_BLOCKS = Set.of("virtual_server", "virtual_server_group", "real_server");
  /** keepalived's virtual_ipaddress words that take no argument (those tandem ignores). */
  private static final Set<String> VIP_FLAGS = Set.of("no_track", "home", "nodad", "-nodad", "optimistic",
      "noprefixroute", "autojoin");

  private enum Kind { NUMBER, TEXT, HOST_PORT, FLAG, NEGATED_FLAG }

  /** A keepalived option that maps to one or more tandem keys (paths relative to `tandem` or to the entry). */
  private record Option(Kind kind, List<String> paths) {
    static Option of(Kind kind, String... paths) {
      return new Option(kind, List.of(paths));
    }
  }

  private record Setting(String path, String value) {}

  /** A converted vrrp_script or vrrp_instance. */
  private record Entry(Origin origin, List<Setting> settings) {}

  /** A block's conversion: fills settings from a statement, reporting what it cannot convert. */
  private interface BlockConverter {
    void convert(KeepalivedStatement block, String context, List<Setting> into);
  }

  private static final Map<String, Option> GLOBAL_OPTIONS = Map.ofEntries(
      Map.entry("router_id", Option.of(Kind.TEXT, "global.router-id", "global.node-id")),
      Map.entry("notification_email_from", Option.of(Kind.TEXT, "global.notification-email-from")),
      Map.entry("smtp_server", Option.of(Kind.HOST_PORT, "global.smtp-server")),
      Map.entry("smtp_connect_timeout", Option.of(Kind.NUMBER, "global.smtp-connect-timeout")),
      Map.entry("smtp_alert", Option.of(Kind.FLAG, "global.smtp-alert")),
      Map.entry("enable_script_security", Option.of(Kind.FLAG, "global.enable-script-security")),
      Map.entry("script_user", Option.of(Kind.TEXT, "global.script-user")),
      Map.entry("vrrp_rt_priority", Option.of(Kind.NUMBER, "global.vrrp-rt-priority")),
      Map.entry("vrrp_version", Option.of(Kind.NUMBER, "instance-defaults.version")),
      Map.entry("vrrp_garp_master_delay", Option.of(Kind.NUMBER, "instance-defaults.garp.master-delay")),
      Map.entry("vrrp_garp_master_repeat", Option.of(Kind.NUMBER, "instance-defaults.garp.master-repeat")),
      Map.entry("vrrp_garp_master_refresh", Option.of(Kind.NUMBER, "instance-defaults.garp.master-refresh")),
      Map.entry("vrrp_garp_master_refresh_repeat", Option.of(Kind.NUMBER, "instance-defaults.garp.refresh-repeat")),
      Map.entry("vrrp_notify_fifo", Option.of(Kind.TEXT, "instance-defaults.notify.fifo")));

  /** Options whose value is a command line that tandem runs. */
  private static final Set<String> COMMANDS = Set.of("script", "notify_master", "notify_backup", "notify_fault",
      "notify_stop", "notify");

  private static final Map<String, Option> SCRIPT_OPTIONS = Map.of(
      "script", Option.of(Kind.TEXT, "script"),
      "interval", Option.of(Kind.NUMBER, "interval"),
      "timeout", Option.of(Kind.NUMBER, "timeout"),
      "weight", Option.of(Kind.NUMBER, "weight"),
      "rise", Option.of(Kind.NUMBER, "rise"),
      "fall", Option.of(Kind.NUMBER, "fall"),
      "user", Option.of(Kind.TEXT, "user"));

  private static final Map<String, Option> INSTANCE_OPTIONS = Map.ofEntries(
      Map.entry("state", Option.of(Kind.TEXT, "state")),
      Map.entry("interface", Option.of(Kind.TEXT, "interface")),
      Map.entry("virtual_router_id", Option.of(Kind.NUMBER, "virtual-router-id")),
      Map.entry("priority", Option.of(Kind.NUMBER, "priority")),
      Map.entry("advert_int", Option.of(Kind.NUMBER, "advert-interval")),
      Map.entry("version", Option.of(Kind.NUMBER, "version")),
      Map.entry("nopreempt", Option.of(Kind.NEGATED_FLAG, "preempt")),
      Map.entry("preempt_delay", Option.of(Kind.NUMBER, "preempt-delay")),
      Map.entry("garp_master_delay", Option.of(Kind.NUMBER, "garp.master-delay")),
      Map.entry("garp_master_repeat", Option.of(Kind.NUMBER, "garp.master-repeat")),
      Map.entry("garp_master_refresh", Option.of(Kind.NUMBER, "garp.master-refresh")),
      Map.entry("garp_master_refresh_repeat", Option.of(Kind.NUMBER, "garp.refresh-repeat")),
      Map.entry("unicast_src_ip", Option.of(Kind.TEXT, "unicast-source")),
      Map.entry("dont_track_primary", Option.of(Kind.FLAG, "dont-track-primary")),
      Map.entry("notify_master", Option.of(Kind.TEXT, "notify.master")),
      Map.entry("notify_backup", Option.of(Kind.TEXT, "notify.backup")),
      Map.entry("notify_fault", Option.of(Kind.TEXT, "notify.fault")),
      Map.entry("notify_stop", Option.of(Kind.TEXT, "notify.stop")),
      Map.entry("notify", Option.of(Kind.TEXT, "notify.generic")));

  private static final Map<String, Option> AUTHENTICATION_OPTIONS = Map.of(
      "auth_type", Option.of(Kind.TEXT, "authentication.type"),
      "auth_pass", Option.of(Kind.TEXT, "authentication.password"));

  private final Map<String, BlockConverter> instanceBlocks = Map.of(
      "authentication", (block, context, into) -> convertBlock(block, context, AUTHENTICATION_OPTIONS, Map.of(), into),
      "virtual_ipaddress", this::virtualAddresses,
      "track_script", (block, context, into) -> weightedNames(block, context, "track-scripts", into),
      "track_interface", (block, context, into) -> weightedNames(block, context, "track-interfaces", into),
      "unicast_peer", this::unicastPeers);
  private final Problems problems = new Problems();

  private KeepalivedImporter() {}

  /** Converts {@code keepalivedConf}, following its includes (globs, relative to the including file). */
  public static ImportResult convert(Path keepalivedConf) {
    return new KeepalivedImporter().run(keepalivedConf);
  }

  private ImportResult run(Path file) {
    List<Setting> tandemSettings = new ArrayList<>();
    Map<String, Entry> scripts = new LinkedHashMap<>();
    Map<String, Entry> instances = new LinkedHashMap<>();
    Map<String, Entry> syncGroups = new LinkedHashMap<>();
    for (KeepalivedStatement statement : KeepalivedParser.parse(file, problems)) {
      switch (statement.keyword()) {
        case "global_defs":
          convertBlock(statement, "global_defs", GLOBAL_OPTIONS,
              Map.of("notification_email", this::notificationEmail), tandemSettings);
          break;
        case "vrrp_script":
          named(statement, SCRIPT_OPTIONS, Map.of(), scripts);
          break;
        case "vrrp_instance":
          named(statement, INSTANCE_OPTIONS, instanceBlocks, instances);
          break;
        case "vrrp_sync_group":
          named(statement, Map.of(), Map.of("group", this::syncGroupMembers), syncGroups);
          break;
        default:
          unsupported(statement, "");
      }
    }

    HoconWriter out = new HoconWriter()
        .comment("tandem configuration converted from " + file + " by `tandem convert`.")
        .comment("Settings not given here take keepalived's defaults (tandem's reference.conf).")
        .open("tandem");
    writeGrouped(out, tandemSettings);
    writeEntries(out, "scripts", scripts);
    writeEntries(out, "instances", instances);
    writeEntries(out, "sync-groups", syncGroups);
    out.close();
    return new ImportResult(out.text(), problems.list());
  }

  /** Settings grouped by their first path segment: global { ... }, instance-defaults { ... }. */
  private static void writeGrouped(HoconWriter out, List<Setting> settings) {
    Map<String, List<Setting>> sections = settings.stream().collect(Collectors.groupingBy(
        s -> s.path().substring(0, s.path().indexOf('.')), LinkedHashMap::new, Collectors.toList()));
    sections.forEach((section, inSection) -> {
      out.open(section);
      inSection.forEach(s -> out.setting(s.path().substring(section.length() + 1), s.value()));
      out.close();
    });
  }

  private static void writeEntries(HoconWriter out, String section, Map<String, Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    out.open(section);
    entries.forEach((name, entry) -> {
      out.comment("from " + entry.origin()).open(name);
      entry.settings().forEach(s -> out.setting(s.path(), s.value()));
      out.close();
    });
    out.close();
  }

  /** A vrrp_script, vrrp_instance or vrrp_sync_group: a name and a block, defined once. */
  private void named(KeepalivedStatement statement, Map<String, Option> options, Map<String, BlockConverter> blocks,
      Map<String, Entry> into) {
    if (statement.args().isEmpty()) {
      problems.error(statement.origin(), statement.keyword(), "missing name after `" + statement.keyword() + "`");
      return;
    }
    String name = statement.args().get(0);
    String context = statement.keyword() + " " + name;
    if (into.containsKey(name)) {
      problems.error(statement.origin(), context, "defined twice; the first is at " + into.get(name).origin());
      return;
    }
    List<Setting> settings = new ArrayList<>();
    if (convertBlock(statement, context, options, blocks, settings)) {
      into.put(name, new Entry(statement.origin(), settings));
    }
  }

  /** Converts the block of {@code statement}; false (and an error) when it has none. */
  private boolean convertBlock(KeepalivedStatement statement, String context, Map<String, Option> options,
      Map<String, BlockConverter> blocks, List<Setting> into) {
    if (statement.block().isEmpty()) {
      problems.error(statement.origin(), context, "`" + statement.keyword() + "` needs a { } block");
      return false;
    }
    for (KeepalivedStatement child : statement.block().get()) {
      String key = context + "." + child.keyword();
      if (blocks.containsKey(child.keyword()) && child.block().isEmpty()) {
        problems.error(child.origin(), key, "`" + child.keyword() + "` needs a { } block");
      } else if (blocks.containsKey(child.keyword())) {
        blocks.get(child.keyword()).convert(child, key, into);
      } else if (options.containsKey(child.keyword())) {
        option(child, key, options.get(child.keyword())).ifPresent(value ->
            options.get(child.keyword()).paths().forEach(path -> into.add(new Setting(path, value))));
        if (COMMANDS.contains(child.keyword())) {
          KeepalivedStopCheck.command(child.joinedArgs(), child.origin(), key, problems);
        }
      } else {
        unsupported(child, context);
      }
    }
    return true;
  }

  /** The HOCON value of a simple option, or empty (and an error) when it has none. */
  private Optional<String> option(KeepalivedStatement statement, String key, Option option) {
    if (statement.block().isPresent()) {
      problems.warning(statement.origin(), key, "`" + statement.keyword() + "` takes no { } block; block ignored");
    }
    List<String> args = statement.args();
    switch (option.kind) {
      case FLAG:
        return Optional.of(String.valueOf(args.isEmpty() || !Set.of("off", "false", "no", "0").contains(args.get(0))));
      case NEGATED_FLAG:
        extraWords(statement, key, 0);
        return Optional.of("false");
      default:
        break;
    }
    if (args.isEmpty()) {
      problems.error(statement.origin(), key, "missing value for `" + statement.keyword() + "`");
      return Optional.empty();
    }
    switch (option.kind) {
      case NUMBER:
        extraWords(statement, key, 1);
        return Optional.of(number(args.get(0)));
      case HOST_PORT:
        extraWords(statement, key, 2);
        return Optional.of(HoconWriter.quote(String.join(":", args.subList(0, Math.min(2, args.size())))));
      default:
        return Optional.of(HoconWriter.quote(statement.joinedArgs()));
    }
  }

  private void extraWords(KeepalivedStatement statement, String key, int expected) {
    if (statement.args().size() > expected) {
      problems.warning(statement.origin(), key, "extra words after `" + statement.keyword() + "` ignored: "
          + String.join(" ", statement.args().subList(expected, statement.args().size())));
    }
  }

  private void notificationEmail(KeepalivedStatement block, String key, List<Setting> into) {
    into.add(new Setting("global.notification-email", list(blockWords(block).stream().map(HoconWriter::quote))));
  }

  /** vrrp_sync_group's `group { VI_1 VI_2 }`: instance names, one or several to a line. */
  private void syncGroupMembers(KeepalivedStatement block, String key, List<Setting> into) {
    into.add(new Setting("instances", list(blockWords(block).stream().map(HoconWriter::quote))));
  }

  /** Every word of a block of plain words (addresses, names), in order. */
  private static List<String> blockWords(KeepalivedStatement block) {
    List<String> words = new ArrayList<>();
    for (KeepalivedStatement line : block.block().orElse(List.of())) {
      words.add(line.keyword());
      words.addAll(line.args());
    }
    return words;
  }

  /** Each line: ADDRESS[/PREFIX] followed by options, of which tandem keeps dev and label. */
  private void virtualAddresses(KeepalivedStatement block, String key, List<Setting> into) {
    List<String> lines = new ArrayList<>();
    for (KeepalivedStatement line : block.block().orElse(List.of())) {
      StringBuilder kept = new StringBuilder(line.keyword());
      List<String> words = line.args();
      int i = 0;
      while (i < words.size()) {
        String word = words.get(i);
        boolean supported = VirtualAddresses.LINE_OPTIONS.contains(word) && i + 1 < words.size();
        int width = supported || !VIP_FLAGS.contains(word) ? 2 : 1;
        List<String> option = words.subList(i, Math.min(i + width, words.size()));
        if (supported) {
          kept.append(' ').append(String.join(" ", option));
        } else {
          problems.warning(line.origin(), key, "unsupported virtual_ipaddress option `" + String.join(" ", option)
              + "`, ignored");
        }
        i += width;
      }
      lines.add(HoconWriter.quote(kept.toString()));
    }
    into.add(new Setting("virtual-addresses", list(lines.stream())));
  }

  /** track_script / track_interface lines: NAME [weight N]. */
  private void weightedNames(KeepalivedStatement block, String key, String path, List<Setting> into) {
    List<String> names = new ArrayList<>();
    for (KeepalivedStatement line : block.block().orElse(List.of())) {
      String name = HoconWriter.quote(line.keyword());
      List<String> args = line.args();
      if (args.size() >= 2 && args.get(0).equals("weight")) {
        names.add("{ name = " + name + ", weight = " + number(args.get(1)) + " }");
        extraWords(line, key, 2);
      } else {
        names.add(name);
        extraWords(line, key, 0);
      }
    }
    into.add(new Setting(path, list(names.stream())));
  }

  private void unicastPeers(KeepalivedStatement block, String key, List<Setting> into) {
    List<String> peers = new ArrayList<>();
    for (KeepalivedStatement line : block.block().orElse(List.of())) {
      peers.add(HoconWriter.quote(line.keyword()));
      extraWords(line, key, 0);
    }
    into.add(new Setting("unicast-peers", list(peers.stream())));
  }

  private void unsupported(KeepalivedStatement statement, String context) {
    String key = context.isEmpty() ? statement.keyword() : context + "." + statement.keyword();
    if (LVS_BLOCKS.contains(statement.keyword())) {
      problems.warning(statement.origin(), key, statement.keyword() + " (LVS) is not supported by tandem; block ignored");
    } else {
      problems.warning(statement.origin(), key, "unsupported keepalived option `" + statement.keyword() + "`, ignored");
    }
  }

  /** A number as is; anything else quoted, for the loader to report as the wrong type. */
  private static String number(String word) {
    return word.matches("-?[0-9]+(\\.[0-9]+)?") ? word : HoconWriter.quote(word);
  }

  private static String list(Stream<String> values) {
    return values.collect(Collectors.joining(", ", "[", "]"));
  }
}
