package dev.tandem.instance;

import dev.tandem.vrrp.Input;
import dev.tandem.vrrp.Machine;
import dev.tandem.vrrp.RouterParams;
import dev.tandem.vrrp.StateMachine;
import dev.tandem.vrrp.Step;
import dev.tandem.vrrp.Timer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A failover runs code that a process otherwise rarely or never runs (a Backup's takeover step, a
 * Master's first advert), and the JVM runs code interpreted until it has run a few thousand times:
 * ~1 ms of a takeover measured on the wire. Once per process, a background thread runs those pure
 * steps on copies, so that the JIT has compiled them before a failover needs them. Nothing it
 * computes is used; it takes no lock and sends nothing.
 */
final class Rehearsal {
  /**
   * C1 compiles a method after a few hundred invocations (Tier3InvocationThreshold, 200): five
   * times that. More only made garbage while VRRP already ran (5,000 rounds: 20 MB, one and a half
   * young collections, each a pause of the VRRP thread).
   */
  private static final int ROUNDS = 1_000;
  private static final Set<String> REHEARSED = ConcurrentHashMap.newKeySet();
  /** The other router of the rehearsed steps: a documentation address, never sent to. */
  private static final Inet4Address PEER = peer();

  private Rehearsal() {}

  /** The machine's way through a takeover, a Master's life and a stop, with these parameters. */
  static void ofSteps(RouterParams params) {
    once("steps", () -> steps(params, ROUNDS));
  }

  /** {@code rounds} times from the start to the stop: Backup, Master, Master again, Initialize. */
  static void steps(RouterParams params, int rounds) {
    List<Input> inputs = List.of(new Input.Startup(Duration.ZERO), new Input.AdvertReceived(PEER, 255, params.advertInterval()),
        new Input.TimerExpired(Timer.MASTER_DOWN), new Input.TimerExpired(Timer.ADVER),
        new Input.AdvertReceived(PEER, 1, params.advertInterval()), new Input.Shutdown());
    long now = 0;
    for (int i = 0; i < rounds; i++) {
      Machine machine = Machine.initial(params, now);
      for (Input input : inputs) {
        now += Duration.ofMillis(1).toNanos();
        Step step = StateMachine.step(params, machine, input, now);
        machine = step.next();
      }
    }
  }

  /** Building an advert's frame (encoding, checksums), as a new Master's first advert does. */
  static void ofFrames(Runnable buildOne) {
    once("frames", () -> {
      for (int i = 0; i < ROUNDS; i++) {
        buildOne.run();
      }
    });
  }

  private static Inet4Address peer() {
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) 254});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an IPv4 address", e);
    }
  }

  private static void once(String what, Runnable rehearsal) {
    if (!REHEARSED.add(what)) {
      return;
    }
    Thread thread = new Thread(rehearsal, "tandem-rehearsal-" + what);
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }
}
