package dev.tandem.instance;

import dev.tandem.config.SyncGroupConfig;
import dev.tandem.vrrp.SyncGroupFaults;
import dev.tandem.vrrp.SyncGroupRules;
import dev.tandem.vrrp.Transition;
import dev.tandem.vrrp.VrrpState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One vrrp_sync_group: relays each member router's transitions and fault changes to the other
 * members as {@link RouterCommand.SyncDemand} and {@link RouterCommand.SyncHold}, as the pure
 * {@link SyncGroupRules} and {@link SyncGroupFaults} decide, with keepalived's VRRP_Group log lines.
 */
public final class SyncGroup {
  public sealed interface Command permits Join, MemberMoved, MemberFault {}

  /** A member's router, as it starts (before its first transition). */
  public record Join(String member, ActorRef<RouterCommand> router) implements Command {}

  /** A member's router made this transition. */
  public record MemberMoved(String member, Transition transition) implements Command {}

  /** A member's own fault set (its checks, interfaces, split-brain yield) became non-empty or empty. */
  public record MemberFault(String member, boolean faulty) implements Command {}

  private final ActorContext<Command> context;
  private final String name;
  private final Map<String, ActorRef<RouterCommand>> routers = new LinkedHashMap<>();
  private SyncGroupFaults faults;

  private SyncGroup(ActorContext<Command> context, SyncGroupConfig config) {
    this.context = context;
    this.name = config.name();
    this.faults = SyncGroupFaults.none(config.name(), config.instances());
  }

  public static Behavior<Command> create(SyncGroupConfig config) {
    return Behaviors.setup(ctx -> new SyncGroup(ctx, config).behavior());
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Join.class, join -> {
          routers.put(join.member(), join.router());
          faults.holding(join.member()).ifPresent(cause -> join.router().tell(new RouterCommand.SyncHold(Optional.of(cause))));
          return Behaviors.same();
        })
        .onMessage(MemberMoved.class, this::onMoved)
        .onMessage(MemberFault.class, this::onFault)
        .build();
  }

  private Behavior<Command> onMoved(MemberMoved moved) {
    SyncGroupRules.demandOfOthers(moved.transition()).ifPresent(target -> {
      context.getLog().info("VRRP_Group({}) Syncing instances to {} state", name, target);
      String cause = SyncGroupRules.cause(name, moved.member(), moved.transition().to());
      routers.forEach((member, router) -> {
        if (!member.equals(moved.member())) {
          router.tell(new RouterCommand.SyncDemand(target, cause));
        }
      });
    });
    return Behaviors.same();
  }

  private Behavior<Command> onFault(MemberFault fault) {
    SyncGroupFaults before = faults;
    faults = faults.with(fault.member(), fault.faulty());
    if (before.faulty().isEmpty() && !faults.faulty().isEmpty()) {
      context.getLog().info("VRRP_Group({}) Syncing instances to {} state", name, VrrpState.FAULT);
    }
    faults.changedHolds(before).forEach((member, hold) -> {
      ActorRef<RouterCommand> router = routers.get(member);
      if (router != null) {
        router.tell(new RouterCommand.SyncHold(hold));
      }
    });
    return Behaviors.same();
  }
}
