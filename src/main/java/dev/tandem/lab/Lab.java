package dev.tandem.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private Ethernet segment built from network namespaces, with {@code ip} commands only: a
 * bridge namespace holding {@code br0}, and one namespace per host (the nodes and a client), each
 * joined to the bridge by a veth pair created inside the bridge namespace with its other end moved
 * into the host's. The root namespace is never touched. Addresses come from 192.0.2.0/24: nodes
 * 192.0.2.11, .12, ..., the client 192.0.2.50; VIPs are for the caller to choose from .100 up.
 *
 * <p>Every namespace name starts with a prefix unique to this lab ({@code tnd} + random), so labs
 * running at the same time never meet. {@link #close()}, also run by a JVM shutdown hook (Ctrl-C),
 * stops every process the lab started by its PID and deletes every namespace it created.
 */
public final class Lab implements AutoCloseable {
  public static final String CLIENT = "client";
  public static final String BRIDGE = "bridge";
  private static final String SUBNET = "192.0.2.";
  private static final int FIRST_NODE_OCTET = 11;
  private static final int CLIENT_OCTET = 50;
  private static final Pattern NODE_NAME = Pattern.compile("[a-z][a-z0-9]{0,9}");
  private static final Duration STOP_BOUND = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(20);
  /** A JVM's start on a loaded 2-core machine. */
  private static final Duration CLIENT_START_BOUND = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The nftables table of the bridge namespace that holds the lab's drop rules. */
  private static final String BRIDGE_TABLE = "tandem_lab";

  private final String prefix;
  private final String bridgeNamespace;
  private final Path workDir;
  private final Map<String, LabNode> hosts = new LinkedHashMap<>();
  private final List<String> namespaces = new ArrayList<>();
  private final List<LabProcess> processes = new ArrayList<>();
  /** Daemons started through scripts (not children of the lab): stopped by their pid files. */
  private final List<LabNginx> daemons = new ArrayList<>();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook = new Thread(this::teardown, "lab-teardown");

  private Lab(String prefix, Path workDir) {
    this.prefix = prefix;
    this.bridgeNamespace = prefix + "-br";
    this.workDir = workDir;
  }

  /** Why a lab cannot be built on this machine, or empty when it can. */
  public static Optional<String> unavailableReason() {
    if (!isRoot()) {
      return Optional.of("the network lab needs root (network namespaces, veth, bridge)");
    }
    if (!Commands.tryRun(List.of("ip", "netns", "list"))) {
      return Optional.of("the network lab needs iproute2 with network namespace support (`ip netns`)");
    }
    return Optional.empty();
  }

  /** Whether an executable of that name is on the PATH (nginx, keepalived, tcpdump, tshark). */
  public static boolean installed(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** The java launcher of this JVM, for the Java programs the lab starts on its nodes. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Builds a lab with one node per name (192.0.2.11, .12, ... in order) and the client. */
  public static Lab create(String... nodeNames) {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("tandem-lab");
    } catch (IOException e) {
      throw new LabException("cannot create the lab's working directory: " + e.getMessage());
    }
    String prefix = String.format("tnd%05x", ThreadLocalRandom.current().nextInt(1 << 20));
    Lab lab = new Lab(prefix, workDir);
    Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
    try {
      lab.build(nodeNames);
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  private void build(String... nodeNames) {
    addNamespace(bridgeNamespace);
    ip(bridgeNamespace, "link", "add", "br0", "type", "bridge");
    ip(bridgeNamespace, "link", "set", "br0", "up");
    for (int i = 0; i < nodeNames.length; i++) {
      addHost(nodeNames[i], FIRST_NODE_OCTET + i);
    }
    addHost(CLIENT, CLIENT_OCTET);
  }

  private void addHost(String name, int octet) {
    if (!NODE_NAME.matcher(name).matches() || hosts.containsKey(name) || name.equals(BRIDGE)) {
      throw new LabException("invalid or duplicate lab host name: \"" + name + "\"");
    }
    String namespace = prefix + "-" + name;
    String port = "v" + name;
    LabNode node = new LabNode(name, namespace, SUBNET + octet, String.format("02:00:00:00:00:%02d", octet));
    addNamespace(namespace);
    ip(bridgeNamespace, "link", "add", port, "type", "veth", "peer", "name", LabNode.INTERFACE, "netns", namespace);
    ip(bridgeNamespace, "link", "set", port, "master", "br0");
    ip(bridgeNamespace, "link", "set", port, "up");
    ip(namespace, "link", "set", "lo", "up");
    ip(namespace, "link", "set", LabNode.INTERFACE, "address", node.mac());
    ip(namespace, "addr", "add", node.address() + "/" + LabNode.PREFIX_LENGTH, "dev", LabNode.INTERFACE);
    ip(namespace, "link", "set", LabNode.INTERFACE, "up");
    hosts.put(name, node);
    createDirectory(hostDir(name));
  }

  private void addNamespace(String namespace) {
    Commands.run(List.of("ip", "netns", "add", namespace));
    namespaces.add(namespace);
  }

  /** Runs {@code ip -n NAMESPACE ARGS} for a node (a test's own links or addresses there); its stdout. */
  public String ip(LabNode node, String... args) {
    return ip(node.namespace(), args);
  }

  private static String ip(String namespace, String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
    command.addAll(List.of(args));
    return Commands.run(command);
  }

  public String prefix() {
    return prefix;
  }

  public Path workDir() {
    return workDir;
  }

  public String bridgeNamespace() {
    return bridgeNamespace;
  }

  /** The namespaces this lab created (bridge first), for checks and diagnostics. */
  public List<String> namespaces() {
    return List.copyOf(namespaces);
  }

  public LabNode node(String name) {
    LabNode node = hosts.get(name);
    if (node == null) {
      throw new LabException("no host \"" + name + "\" in this lab; it has " + hosts.keySet());
    }
    return node;
  }

  public LabNode client() {
    return node(CLIENT);
  }

  /** The nodes, without the client, in creation order. */
  public List<LabNode> nodes() {
    return hosts.values().stream().filter(n -> !n.name().equals(CLIENT)).toList();
  }

  // ---- processes ----

  /** Starts a command in a host's namespace; its stdout and stderr go to its own log file. */
  public LabProcess start(LabNode node, String label, List<String> command) {
    return start(node.name(), node.namespace(), label, command, List.of());
  }

  private synchronized LabProcess start(String host, String namespace, String label, List<String> command,
      List<Path> helperPidFiles) {
    if (closed.get()) {
      throw new LabException("the lab is closed");
    }
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(command);
    Path log = hostDir(host).resolve(label + "-" + started.incrementAndGet() + ".log");
    try {
      Process process = new ProcessBuilder(full).directory(hostDir(host).toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      process.getOutputStream().close();
      LabProcess started = new LabProcess(label, host, process, log, helperPidFiles);
      processes.add(started);
      return started;
    } catch (IOException e) {
      throw new LabException("cannot start " + label + " on " + host + ": " + e.getMessage());
    }
  }

  /**
   * Starts {@code tandem run -c FILE} (see {@link #tandemCommand}) on a node. The HOCON text is written to a file with
   * the node's journal directory appended, so a node restarted in the same lab recovers its journal.
   */
  public LabProcess startTandem(LabNode node, Path jar, String hocon) {
    return startTandem(node, jar, "-c", tandemConfig(node, hocon));
  }

  /**
   * As {@link #startTandem(LabNode, Path, String)}, the node's journal on a tmpfs of {@code size}
   * (e.g. "8m") mounted in a mount namespace of that tandem process only (private: nothing is
   * mounted where the machine sees it), so that a test can fill it ({@code nsenter -t PID -m}) to
   * see a full disk. The mount ends with the process, and the journal with it.
   */
  public LabProcess startTandemOnSmallDisk(LabNode node, Path jar, String hocon, String size) {
    Path config = tandemConfig(node, hocon);
    createDirectory(journalDir(node));
    List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
        "mount -t tmpfs -o size=\"$1\" tandem-journal \"$2\" && shift 2 && exec \"$@\"", "sh", size,
        journalDir(node).toString()));
    command.addAll(tandemCommand(jar));
    command.addAll(List.of("run", "-c", config.toString()));
    return start(node, "tandem", command);
  }

  /** The node's tandem configuration file: the HOCON text with the node's journal directory appended. */
  private Path tandemConfig(LabNode node, String hocon) {
    return writeFile(node, "tandem", "conf", hocon + "\ntandem.journal.dir = \"" + journalDir(node) + "\"\n");
  }

  /**
   * Starts {@code tandem run --keepalived-config FILE} on a node, as a keepalived user would
   * first try tandem. keepalived.conf cannot name a journal: tandem's default, "journal" in the
   * working directory (the node's directory), is {@link #journalDir}.
   */
  public LabProcess startTandemFromKeepalivedConf(LabNode node, Path jar, String keepalivedConf) {
    Path config = writeFile(node, "tandem", "keepalived.conf", keepalivedConf);
    return startTandem(node, jar, "--keepalived-config", config);
  }

  private LabProcess startTandem(LabNode node, Path jar, String configOption, Path config) {
    List<String> command = new ArrayList<>(tandemCommand(jar));
    command.addAll(List.of("run", configOption, config.toString()));
    return start(node, "tandem", command);
  }

  /**
   * How an operator starts tandem: the checkout's launcher ({@code src/scripts/tandem}, with
   * conf/jvm.options and the class-data archive) for {@code jar}, on this JVM's java. The
   * launcher execs java, so the process keeps the PID the lab stops it by.
   */
  public static List<String> tandemCommand(Path jar) {
    Path absolute = jar.toAbsolutePath();
    Path launcher = absolute.getParent().getParent().resolve("src/scripts/tandem");
    if (!Files.isExecutable(launcher)) {
      throw new LabException("no launcher at " + launcher + " beside " + absolute);
    }
    return List.of("env", "TANDEM_JAR=" + absolute, "JAVA=" + javaExecutable(), launcher.toString());
  }

  /** Where tandem started by the lab keeps a node's journal. */
  public Path journalDir(LabNode node) {
    return hostDir(node.name()).resolve("journal");
  }

  /**
   * Starts keepalived (VRRP only) in the foreground on a node, logging to its console, with its pid
   * files in the lab's directory. Its VRRP child is named by the -r pid file, so a kill reaches it.
   */
  public LabProcess startKeepalived(LabNode node, String keepalivedConf) {
    Path config = writeFile(node, "keepalived", "conf", keepalivedConf);
    String base = config.toString().replaceFirst("\\.conf$", "");
    Path vrrpPid = Path.of(base + ".vrrp.pid");
    return start(node.name(), node.namespace(), "keepalived",
        List.of("keepalived", "-n", "-l", "-D", "-G", "-P", "-f", config.toString(),
            "-p", base + ".pid", "-r", vrrpPid.toString()), List.of(vrrpPid));
  }

  /**
   * Starts nginx on port 80 of every address of a node (so also on a VIP it comes to hold), in the
   * foreground with a single process, answering every request with the node's name.
   */
  public LabProcess startNginx(LabNode node) {
    Path dir = hostDir(node.name()).resolve("nginx-" + (started.get() + 1));
    createDirectory(dir);
    Path config = dir.resolve("nginx.conf");
    writeString(config, LabNginx.config(dir, false,
        "  server {\n    listen 80;\n    location / { return 200 \"" + node.name() + "\\n\"; }\n  }\n"));
    return start(node, "nginx", LabNginx.command(dir, config));
  }

  /**
   * Starts nginx as a daemon on a node, as the seeds run it beside keepalived: its check scripts
   * ({@link LabNginx#checkNginx}) restart it by its pid file. The lab stops it by that pid on close.
   * One per node at a time (it listens on port 80); {@link LabNginx#kill} it before the next.
   */
  public LabNginx startNginxDaemon(LabNode node) {
    Path dir = nginxDirectory(node);
    createDirectory(dir);
    LabNginx nginx = new LabNginx(node, dir);
    synchronized (this) {
      daemons.add(nginx);
    }
    nginx.start();
    return nginx;
  }

  /** Where {@link #startNginxDaemon} keeps a node's nginx: its configuration, pid file and check scripts. */
  public Path nginxDirectory(LabNode node) {
    return LabNginx.directory(hostDir(node.name()));
  }

  /**
   * Starts the lab's client asking {@code http://ADDRESS/} for {@link LabNginx#SITE} every
   * {@code period} ({@link HttpClientLoop}, from {@code jar}), and waits until it has made its first request.
   */
  public LabClient startClient(Path jar, String address, Duration period) {
    LabProcess process = start(client(), "client", List.of(javaExecutable(), "-cp", jar.toAbsolutePath().toString(),
        HttpClientLoop.class.getName(), address, LabNginx.SITE, Long.toString(period.toMillis())));
    LabClient client = new LabClient(process);
    if (!waitFor(CLIENT_START_BOUND, () -> !client.requests().isEmpty() || !process.isRunning())
        || !process.isRunning()) {
      process.terminate(STOP_BOUND);
      throw new LabException("the lab's client made no request within " + CLIENT_START_BOUND.toSeconds() + " s: "
          + process.log().strip());
    }
    return client;
  }

  /**
   * Starts tcpdump on the bridge for VRRP, ARP and ICMP frames (a kernel's protocol-unreachable
   * answers to unicast adverts) and waits until it listens.
   */
  public Capture startCapture() {
    Path file = workDir.resolve("capture-" + (started.get() + 1) + ".pcap");
    createDirectory(hostDir(BRIDGE));
    LabProcess tcpdump = start(BRIDGE, bridgeNamespace, "tcpdump",
        List.of("tcpdump", "-i", "br0", "-n", "-U", "-Z", "root", "-w", file.toString(), "ip proto 112 or arp or icmp"),
        List.of());
    if (!waitFor(STOP_BOUND, () -> tcpdump.log().contains("listening on") || !tcpdump.isRunning())
        || !tcpdump.isRunning()) {
      throw new LabException("tcpdump did not start listening on the lab bridge: " + tcpdump.log().strip());
    }
    return new Capture(tcpdump, file);
  }

  // ---- the switch between the hosts ----

  /**
   * Drops the frames the bridge forwards that match an nftables {@code bridge}-family expression,
   * e.g. {@code "ip protocol 112"}, as a switch or firewall between the hosts would. Only a rule
   * here sees frames sent through pcap: an {@code inet} rule inside a node does not.
   */
  public void dropOnBridge(String match) {
    bridgeNft("add", "table", "bridge", BRIDGE_TABLE);
    bridgeNft("add", "chain", "bridge", BRIDGE_TABLE, "forward", "{ type filter hook forward priority 0 ; }");
    List<String> rule = new ArrayList<>(List.of("add", "rule", "bridge", BRIDGE_TABLE, "forward"));
    rule.addAll(List.of(match.trim().split("\\s+")));
    rule.add("drop");
    bridgeNft(rule.toArray(String[]::new));
  }

  /** Removes every rule {@link #dropOnBridge} added; nothing to do when there is none. */
  public void clearBridgeDrops() {
    Commands.tryRun(List.of("ip", "netns", "exec", bridgeNamespace, "nft", "delete", "table", "bridge", BRIDGE_TABLE));
  }

  private void bridgeNft(String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", bridgeNamespace, "nft"));
    command.addAll(List.of(args));
    Commands.run(command);
  }

  // ---- observation ----

  /** The IPv4 addresses on a node's eth0 (its own first, then any VIPs), as {@code ip} lists them. */
  public List<String> addresses(LabNode node) {
    String json = ip(node.namespace(), "-j", "-4", "addr", "show", "dev", LabNode.INTERFACE);
    List<String> addresses = new ArrayList<>();
    try {
      for (JsonNode link : JSON.readTree(json)) {
        for (JsonNode info : link.path("addr_info")) {
          addresses.add(info.path("local").asText());
        }
      }
    } catch (IOException e) {
      throw new LabException("cannot read `ip -j addr` output for " + node.name() + ": " + e.getMessage());
    }
    return addresses;
  }

  public boolean holds(LabNode node, String address) {
    return addresses(node).contains(address);
  }

  /** The logs of every process started on a host, in start order. */
  public synchronized String log(LabNode node) {
    StringBuilder all = new StringBuilder();
    for (LabProcess process : processes) {
      if (process.host().equals(node.name())) {
        all.append(process.log());
      }
    }
    return all.toString();
  }

  /** Runs a short command in a host's namespace (e.g. curl from the client) and returns its stdout. */
  public String exec(LabNode node, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", node.namespace()));
    full.addAll(List.of(command));
    return Commands.run(full);
  }

  /**
   * Polls {@code condition} until it holds or {@code bound} has passed; whether it held. The lab's
   * one way of waiting: every wait is bounded.
   */
  public static boolean waitFor(Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return condition.getAsBoolean();
      }
    }
    return true;
  }

  // ---- teardown ----

  @Override
  public void close() {
    teardown();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs (or ran) teardown, which is idempotent.
    }
  }

  /** Stops the processes (last started first) and the nginx daemons by PID, then deletes the namespaces and the files. */
  private void teardown() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<LabProcess> running;
    List<LabNginx> nginxDaemons;
    synchronized (this) {
      running = new ArrayList<>(processes);
      nginxDaemons = new ArrayList<>(daemons);
    }
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).terminate(STOP_BOUND);
      } catch (LabException e) {
        System.err.println("lab " + prefix + ": " + e.getMessage());
      }
    }
    // After the VRRP daemons, whose check scripts would otherwise start nginx again.
    for (LabNginx nginx : nginxDaemons) {
      try {
        nginx.kill();
      } catch (LabException e) {
        System.err.println("lab " + prefix + ": " + e.getMessage());
      }
    }
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      Commands.tryRun(List.of("ip", "netns", "del", namespaces.get(i)));
    }
    if (!Boolean.getBoolean("tandem.lab.keep")) {
      deleteTree(workDir);
    }
  }

  // ---- files ----

  private Path hostDir(String host) {
    return workDir.resolve(host);
  }

  private Path writeFile(LabNode node, String name, String extension, String text) {
    // Numbered like the log of the process about to start with it.
    Path file = hostDir(node.name()).resolve(name + "-" + (started.get() + 1) + "." + extension);
    writeString(file, text);
    return file;
  }

  private static void writeString(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new LabException("cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LabException("cannot create " + dir + ": " + e.getMessage());
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("lab: could not delete " + root + ": " + e.getMessage());
    }
  }

  private static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .anyMatch(line -> line.split("\\s+")[2].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }
}
