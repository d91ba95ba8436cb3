package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.net.LinkHub;
import dev.tandem.net.VrrpGroup;
import dev.tandem.wire.AdvertFrame;
import dev.tandem.wire.MacAddress;
import dev.tandem.wire.VrrpAdvert;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Encodes and sends this instance's adverts, with the priority it is told: to the VRRP group, or to
 * each unicast peer at the MAC its link's ARP resolver knows. A peer whose MAC is not known yet is
 * skipped (logged once until it resolves); the resolver keeps asking.
 *
 * <p>The peers' MACs are asked for from the start and every {@link #RESOLVE_PACE} after, whatever
 * the state: asked only when an advert is due, a new master's first advert (the one that announces
 * a takeover or a preemption) would always be skipped, and its peer would stay master, holding the
 * VIPs too, for one more advert interval. The resolver itself decides when a request is due.
 */
public final class AdvertSender {
  public sealed interface Command permits Send, Drain, ResolvePeers {}

  public record Send(int priority) implements Command {}

  private record ResolvePeers() implements Command {}

  private static final Duration RESOLVE_PACE = Duration.ofSeconds(1);

  private static final MacAddress GROUP_MAC = MacAddress.ipv4Multicast(VrrpGroup.ADDRESS);

  private final InstanceConfig config;
  private final LinkHub hub;
  private final ActorContext<Command> context;
  private final Inet4Address source;
  private final AdvertProfile profile;
  private final Set<Inet4Address> unresolved = new HashSet<>();
  private int ipId;

  private AdvertSender(InstanceConfig config, LinkHub hub, ActorContext<Command> context) {
    this.config = config;
    this.hub = hub;
    this.context = context;
    this.source = config.unicastSource().orElse(hub.link().primaryAddress());
    this.profile = AdvertProfile.of(config);
    // Frames built and not sent: the first takeover must not wait for the encoder to load or compile.
    Rehearsal.ofFrames(() -> AdvertFrame.build(hub.link().mac(), GROUP_MAC, source, VrrpGroup.ADDRESS, 0,
        profile.advert(0), profile.pseudoHeader()));
  }

  public static Behavior<Command> create(InstanceConfig config, LinkHub hub) {
    return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
      AdvertSender sender = new AdvertSender(config, hub, ctx);
      if (!config.unicastPeers().isEmpty()) {
        sender.resolvePeers();
        timers.startTimerWithFixedDelay(new ResolvePeers(), RESOLVE_PACE);
      }
      return sender.behavior();
    }));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Send.class, send -> {
          send(profile.advert(send.priority()));
          return Behaviors.same();
        })
        .onMessage(ResolvePeers.class, resolve -> {
          resolvePeers();
          return Behaviors.same();
        })
        .onMessage(Drain.class, drain -> {
          drain.replyTo().tell(Done.getInstance());
          return Behaviors.same();
        })
        .build();
  }

  private void resolvePeers() {
    config.unicastPeers().forEach(hub.arp()::lookup);
  }

  private void send(VrrpAdvert advert) {
    List<Inet4Address> peers = config.unicastPeers();
    if (peers.isEmpty()) {
      transmit(advert, GROUP_MAC, VrrpGroup.ADDRESS);
    }
    for (Inet4Address peer : peers) {
      hub.arp().lookup(peer).ifPresentOrElse(mac -> {
        unresolved.remove(peer);
        transmit(advert, mac, peer);
      }, () -> {
        if (unresolved.add(peer)) {
          context.getLog().warn("({}) no MAC address yet for unicast peer {} on {}: skipping it until it answers"
              + " ARP", config.name(), peer.getHostAddress(), hub.link().name());
        }
      });
    }
  }

  private void transmit(VrrpAdvert advert, MacAddress mac, Inet4Address destination) {
    ipId = (ipId + 1) & 0xFFFF;
    hub.send(AdvertFrame.build(hub.link().mac(), mac, source, destination, ipId, advert, profile.pseudoHeader()));
  }
}
