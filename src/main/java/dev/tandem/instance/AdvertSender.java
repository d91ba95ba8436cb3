package dev.tandem.instance;

import dev.tandem.config.InstanceConfig;
import dev.tandem.net.LinkHub;
import dev.tandem.wire.AdvertFrame;
import dev.tandem.wire.MacAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Encodes and sends this instance's adverts to the VRRP group, with the priority it is told. */
public final class AdvertSender {
  public sealed interface Command permits Send, Drain {}

  public record Send(int priority) implements Command {}

  static final Inet4Address VRRP_GROUP = group();

  private AdvertSender() {}

  public static Behavior<Command> create(InstanceConfig config, LinkHub hub) {
    Inet4Address source = config.unicastSource().orElse(hub.link().primaryAddress());
    MacAddress groupMac = MacAddress.ipv4Multicast(VRRP_GROUP);
    AdvertProfile profile = AdvertProfile.of(config);
    int[] ipId = {0};
    return Behaviors.receive(Command.class)
        .onMessage(Send.class, send -> {
          ipId[0] = (ipId[0] + 1) & 0xFFFF;
          hub.send(AdvertFrame.build(hub.link().mac(), groupMac, source, VRRP_GROUP, ipId[0],
              profile.advert(send.priority()), profile.pseudoHeader()));
          return Behaviors.same();
        })
        .onMessage(Drain.class, drain -> {
          drain.replyTo().tell(Done.getInstance());
          return Behaviors.same();
        })
        .build();
  }

  private static Inet4Address group() {
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, 18});
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
