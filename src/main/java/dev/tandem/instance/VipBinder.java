package dev.tandem.instance;

import dev.tandem.config.GarpConfig;
import dev.tandem.config.InstanceConfig;
import dev.tandem.config.VirtualAddress;
import dev.tandem.net.AddressTable;
import dev.tandem.net.LinkHub;
import dev.tandem.wire.GratuitousArp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Puts the instance's virtual addresses on the interface and announces them with gratuitous ARP
 * (keepalived: a burst at once, another after garp_master_delay), and takes them off again. It runs
 * on a thread of its own (the tandem-vip-binder dispatcher) because changing addresses waits for
 * the kernel's answer on the netlink socket.
 */
public final class VipBinder {
  public sealed interface Command permits Take, Release, ReleaseDue, RepeatGarp, RefreshGarp, Drain {}

  public record Take() implements Command {}

  /** Stop announcing now and remove the addresses {@code after} this long (zero: now). */
  public record Release(Duration after) implements Command {}

  record ReleaseDue() implements Command {}

  record RepeatGarp() implements Command {}

  record RefreshGarp() implements Command {}

  private static final String GARP_TIMER = "garp-repeat";
  private static final String REFRESH_TIMER = "garp-refresh";
  private static final String RELEASE_TIMER = "release";

  private final InstanceConfig config;
  private final LinkHub hub;
  private final AddressTable addresses;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final String tag;
  private final String announced;
  /** Drains that came while a release was pending: they are answered once the addresses are gone. */
  private final List<ActorRef<Done>> drainsWaiting = new ArrayList<>();

  private VipBinder(InstanceConfig config, LinkHub hub, AddressTable addresses, ActorContext<Command> context,
      TimerScheduler<Command> timers) {
    this.config = config;
    this.hub = hub;
    this.addresses = addresses;
    this.context = context;
    this.timers = timers;
    this.tag = "(" + config.name() + ") ";
    this.announced = config.virtualAddresses().stream().map(v -> v.address().getHostAddress())
        .collect(Collectors.joining(" "));
    // Build one frame and the address changes now, unsent, as the advert sender does: the first
    // takeover's binding and GARPs must not wait for class loading and linking.
    config.virtualAddresses().forEach(vip -> {
      GratuitousArp.build(hub.link().mac(), vip.address());
      addresses.prepare(device(vip), vip);
    });
  }

  public static Behavior<Command> create(InstanceConfig config, LinkHub hub, AddressTable addresses) {
    return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> new VipBinder(config, hub, addresses, ctx, timers).behavior()));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Take.class, t -> take())
        .onMessage(Release.class, this::release)
        .onMessage(ReleaseDue.class, r -> removeAddresses())
        .onMessage(RepeatGarp.class, r -> announce(config.garp().masterRepeat()))
        .onMessage(RefreshGarp.class, r -> announce(config.garp().refreshRepeat()))
        .onMessage(Drain.class, this::drain)
        .build();
  }

  /** A stopping process must not leave its addresses behind: a drain waits for a pending release. */
  private Behavior<Command> drain(Drain drain) {
    if (timers.isTimerActive(RELEASE_TIMER)) {
      drainsWaiting.add(drain.replyTo());
    } else {
      drain.replyTo().tell(Done.getInstance());
    }
    return Behaviors.same();
  }

  /**
   * The addresses and the first gratuitous ARPs come before keepalived's two log lines: a line cost
   * 0.2-9 ms at a takeover (timing probe, not kept), which the first GARP waited for.
   */
  private Behavior<Command> take() {
    timers.cancel(RELEASE_TIMER);
    for (VirtualAddress vip : config.virtualAddresses()) {
      addresses.add(device(vip), vip);
    }
    GarpConfig garp = config.garp();
    sendGarps(garp.masterRepeat());
    context.getLog().info("{}setting VIPs.", tag);
    logGarps();
    if (!garp.masterDelay().isZero()) {
      timers.startSingleTimer(GARP_TIMER, new RepeatGarp(), garp.masterDelay());
    }
    // keepalived's garp_master_refresh: keep switches' and neighbours' ARP caches pointing here.
    if (!garp.masterRefresh().isZero()) {
      timers.startTimerAtFixedRate(REFRESH_TIMER, new RefreshGarp(), garp.masterRefresh());
    }
    return Behaviors.same();
  }

  private Behavior<Command> announce(int repeat) {
    sendGarps(repeat);
    logGarps();
    return Behaviors.same();
  }

  private void sendGarps(int repeat) {
    for (int i = 0; i < repeat; i++) {
      for (VirtualAddress vip : config.virtualAddresses()) {
        hub.send(GratuitousArp.build(hub.link().mac(), vip.address()));
      }
    }
  }

  private void logGarps() {
    context.getLog().info("{}Sending/queueing gratuitous ARPs on {} for {}", tag, config.interfaceName(), announced);
  }

  /** Gratuitous ARPs stop at once even when the addresses stay a while: they would pull clients back here. */
  private Behavior<Command> release(Release release) {
    timers.cancel(GARP_TIMER);
    timers.cancel(REFRESH_TIMER);
    if (release.after().isZero()) {
      return removeAddresses();
    }
    timers.startSingleTimer(RELEASE_TIMER, new ReleaseDue(), release.after());
    return Behaviors.same();
  }

  private Behavior<Command> removeAddresses() {
    timers.cancel(RELEASE_TIMER);
    context.getLog().info("{}removing VIPs.", tag);
    for (VirtualAddress vip : config.virtualAddresses()) {
      addresses.remove(device(vip), vip);
    }
    drainsWaiting.forEach(waiting -> waiting.tell(Done.getInstance()));
    drainsWaiting.clear();
    return Behaviors.same();
  }

  private String device(VirtualAddress vip) {
    return vip.device().orElse(config.interfaceName());
  }
}
