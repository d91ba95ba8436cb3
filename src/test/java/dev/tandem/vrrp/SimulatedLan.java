package dev.tandem.vrrp;

import dev.tandem.vrrp.Action.ArmTimer;
import dev.tandem.vrrp.Action.CancelTimer;
import dev.tandem.vrrp.Action.ReleaseAddresses;
import dev.tandem.vrrp.Action.SendAdvert;
import dev.tandem.vrrp.Action.TakeAddresses;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * Routers running {@link StateMachine} against each other on a lossless LAN with zero latency and a
 * simulated clock: a plain loop that delivers adverts and fires the earliest timer, so that every
 * instant in a scenario is exact. Adverts delivered at an instant go before timers due then.
 */
final class SimulatedLan {
  private static final int MAX_EVENTS = 1_000_000;

  record TransitionAt(long atNanos, String router, Transition transition) {}

  record AdvertAt(long atNanos, String router, int priority) {}

  private record Delivery(Router to, Input.AdvertReceived advert) {}

  final class Router {
    final String name;
    RouterParams params;
    Machine machine;
    boolean running;
    boolean holdsAddresses;
    private final Map<Timer, Long> deadlines = new EnumMap<>(Timer.class);

    private Router(String name, RouterParams params) {
      this.name = name;
      this.params = params;
    }

    VrrpState state() {
      return machine.state();
    }
  }

  private final List<Router> routers = new ArrayList<>();
  private final Queue<Delivery> inFlight = new ArrayDeque<>();
  final List<TransitionAt> transitions = new ArrayList<>();
  final List<AdvertAt> adverts = new ArrayList<>();
  private long now;

  Router add(String name, RouterParams params) {
    Router router = new Router(name, params);
    routers.add(router);
    return router;
  }

  long now() {
    return now;
  }

  /** Starts (or restarts) a router: a fresh machine, then the Startup event. */
  void start(Router router) {
    router.machine = Machine.initial(router.params, now);
    router.running = true;
    apply(router, new Input.Startup(Duration.ZERO));
  }

  /** A clean stop: the machine's Shutdown actions run, then the router is gone. */
  void shutdown(Router router) {
    apply(router, new Input.Shutdown());
    router.running = false;
  }

  /** The process dies: no more adverts, no timers, and (as keepalived does on restart) no addresses. */
  void crash(Router router) {
    router.running = false;
    router.deadlines.clear();
    router.holdsAddresses = false;
  }

  void changePriority(Router router, int priority) {
    apply(router, new Input.PriorityChanged(priority, "test"));
  }

  void runUntil(long endNanos) {
    for (int events = 0; events < MAX_EVENTS; events++) {
      Delivery delivery = inFlight.poll();
      if (delivery != null) {
        if (delivery.to().running) {
          apply(delivery.to(), delivery.advert());
        }
        continue;
      }
      Optional<Router> due = earliestTimer();
      if (due.isEmpty() || nextDeadline(due.get()).getValue() > endNanos) {
        now = endNanos;
        return;
      }
      Map.Entry<Timer, Long> timer = nextDeadline(due.get());
      now = timer.getValue();
      due.get().deadlines.remove(timer.getKey());
      apply(due.get(), new Input.TimerExpired(timer.getKey()));
    }
    throw new IllegalStateException("more than " + MAX_EVENTS + " events before " + endNanos + " ns: a loop");
  }

  List<TransitionAt> transitionsOf(Router router) {
    return transitions.stream().filter(t -> t.router().equals(router.name)).toList();
  }

  List<AdvertAt> advertsOf(Router router) {
    return adverts.stream().filter(a -> a.router().equals(router.name)).toList();
  }

  List<Router> addressHolders() {
    return routers.stream().filter(r -> r.holdsAddresses).toList();
  }

  private Optional<Router> earliestTimer() {
    Router earliest = null;
    for (Router router : routers) {
      if (router.running && !router.deadlines.isEmpty()
          && (earliest == null || nextDeadline(router).getValue() < nextDeadline(earliest).getValue())) {
        earliest = router;
      }
    }
    return Optional.ofNullable(earliest);
  }

  private static Map.Entry<Timer, Long> nextDeadline(Router router) {
    return router.deadlines.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
  }

  private void apply(Router router, Input input) {
    Step step = StateMachine.step(router.params, router.machine, input, now);
    router.machine = step.next();
    step.transition().ifPresent(t -> transitions.add(new TransitionAt(now, router.name, t)));
    for (Action action : step.actions()) {
      perform(router, action);
    }
  }

  private void perform(Router router, Action action) {
    if (action instanceof SendAdvert advert) {
      adverts.add(new AdvertAt(now, router.name, advert.priority()));
      for (Router other : routers) {
        if (other != router) {
          inFlight.add(new Delivery(other, new Input.AdvertReceived(
              router.params.primaryAddress(), advert.priority(), router.params.advertInterval())));
        }
      }
    } else if (action instanceof ArmTimer arm) {
      router.deadlines.put(arm.timer(), now + arm.delay().toNanos());
    } else if (action instanceof CancelTimer cancel) {
      router.deadlines.remove(cancel.timer());
    } else if (action instanceof TakeAddresses) {
      router.holdsAddresses = true;
    } else if (action instanceof ReleaseAddresses) {
      router.holdsAddresses = false;
    }
  }
}
