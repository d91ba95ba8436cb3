package dev.tandem.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An instance's virtual-addresses: keepalived's line syntax ("192.0.2.100/24 dev eth1 label
 * eth1:1", /32 by default) or objects {address, prefix, device, label}.
 */
final class VirtualAddresses {
  /** The words of keepalived's syntax that tandem supports after the address, each with one argument. */
  static final Set<String> LINE_OPTIONS = Set.of("dev", "label");
  static final Set<String> OBJECT_KEYS = Set.of("address", "prefix", "device", "label");
  private static final String KEY = "virtual-addresses";

  private VirtualAddresses() {}

  static List<VirtualAddress> read(SettingReader instance, KnownKeys knownKeys) {
    if (!instance.require(KEY)) {
      return List.of();
    }
    List<VirtualAddress> addresses = new ArrayList<>();
    instance.list(KEY).ifPresent(items -> {
      if (items.isEmpty()) {
        instance.error(KEY, "at least one virtual address is required");
      }
      for (ConfigValue item : items) {
        Origin origin = Origins.of(item.origin(), instance.unnamed());
        Consumer<String> onError = message -> instance.problemAt(origin, KEY, message);
        Optional<VirtualAddress> address = item.valueType() == ConfigValueType.OBJECT
            ? fromObject((ConfigObject) item, instance, knownKeys, onError)
            : item.valueType() == ConfigValueType.STRING
                ? parseLine((String) item.unwrapped(), onError)
                : reject(onError, "expected \"address[/prefix] [dev DEVICE] [label LABEL]\" or an object, got "
                    + SettingReader.describe(item));
        address.ifPresent(addresses::add);
      }
    });
    return addresses;
  }

  /** Parses keepalived's "ADDRESS[/PREFIX] [dev DEVICE] [label LABEL]". */
  static Optional<VirtualAddress> parseLine(String line, Consumer<String> onError) {
    String[] words = line.trim().split("\\s+");
    Optional<String> device = Optional.empty();
    Optional<String> label = Optional.empty();
    for (int i = 1; i < words.length; i += 2) {
      if (!LINE_OPTIONS.contains(words[i])) {
        return reject(onError, "unsupported word `" + words[i] + "` in \"" + line + "\"; supported: dev, label");
      }
      if (i + 1 >= words.length) {
        return reject(onError, "`" + words[i] + "` needs a value in \"" + line + "\"");
      }
      if (words[i].equals("dev")) {
        device = Optional.of(words[i + 1]);
      } else {
        label = Optional.of(words[i + 1]);
      }
    }
    String[] cidr = words[0].split("/", 2);
    Optional<Integer> prefix = Optional.of(32);
    if (cidr.length == 2) {
      prefix = cidr[1].matches("[0-9]{1,2}") ? Optional.of(Integer.parseInt(cidr[1])) : Optional.empty();
      if (prefix.isEmpty()) {
        return reject(onError, "prefix length must be a number between 0 and 32 in \"" + line + "\"");
      }
    }
    return of(cidr[0], prefix.get(), device, label, onError);
  }

  private static Optional<VirtualAddress> fromObject(
      ConfigObject object, SettingReader instance, KnownKeys knownKeys, Consumer<String> onError) {
    String path = instance.key(KEY);
    knownKeys.check(object, OBJECT_KEYS, path);
    SettingReader element = new SettingReader(object.toConfig(), object.toConfig(), path,
        Origins.of(object.origin(), instance.unnamed()), instance.unnamed(), instance.problems());
    if (!element.require("address")) {
      return Optional.empty();
    }
    Optional<String> address = element.nonEmptyString("address");
    Optional<Integer> prefix = element.has("prefix") ? element.integer("prefix", 0, 32) : Optional.of(32);
    Optional<String> device = element.nonEmptyString("device");
    Optional<String> label = element.nonEmptyString("label");
    if (address.isEmpty() || prefix.isEmpty()) {
      return Optional.empty();
    }
    return of(address.get(), prefix.get(), device, label, onError);
  }

  private static Optional<VirtualAddress> of(
      String address, int prefix, Optional<String> device, Optional<String> label, Consumer<String> onError) {
    if (Ipv4.looksLikeIpv6(address)) {
      return reject(onError, "IPv6 virtual addresses are not supported yet: " + address);
    }
    Optional<Inet4Address> ip = Ipv4.parse(address);
    if (ip.isEmpty()) {
      return reject(onError, "not an IPv4 address: \"" + address + "\"");
    }
    if (prefix > 32) {
      return reject(onError, "prefix length must be between 0 and 32, got " + prefix);
    }
    return Optional.of(new VirtualAddress(ip.get(), prefix, device, label));
  }

  private static Optional<VirtualAddress> reject(Consumer<String> onError, String message) {
    onError.accept(message);
    return Optional.empty();
  }
}
