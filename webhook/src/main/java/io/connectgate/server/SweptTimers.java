package io.connectgate.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-request timeouts that almost never fire (the body's receive timeout, the review's
 * backstop): one Vert.x timer sweeps them every {@link #SWEEP} while any is pending, instead of
 * a Vert.x timer set and cancelled per request (their bookkeeping was a few per cent of the
 * event loop's time per review). A timer fires on its request's own context (its event loop)
 * between its due time and one sweep later; one removed before that never fires.
 */
final class SweptTimers {

  /** How often the sweep looks; also how late after its due time a timer may fire. */
  static final Duration SWEEP = Duration.ofMillis(50);

  /** One request's timer. */
  static final class Timer {
    private final Context context;
    private final long dueNanos;
    private final Runnable fire;

    private Timer(Context context, long dueNanos, Runnable fire) {
      this.context = context;
      this.dueNanos = dueNanos;
      this.fire = fire;
    }
  }

  private final Vertx vertx;
  private final Set<Timer> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean armed = new AtomicBoolean();

  SweptTimers(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Runs {@code fire} on {@code context} once {@code after} has passed, unless removed first. */
  Timer add(Context context, Duration after, Runnable fire) {
    Timer timer = new Timer(context, System.nanoTime() + after.toNanos(), fire);
    pending.add(timer);
    if (armed.compareAndSet(false, true)) {
      vertx.setTimer(SWEEP.toMillis(), id -> sweep());
    }
    return timer;
  }

  /** Done before its time: the timer will not fire. */
  void remove(Timer timer) {
    pending.remove(timer);
  }

  /** Timers pending (tests). */
  int size() {
    return pending.size();
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Timer t : pending) {
      if (now - t.dueNanos >= 0 && pending.remove(t)) {
        t.context.runOnContext(v -> t.fire.run());
      }
    }
    // Disarmed first, then re-armed if anything is left: a timer added in between either
    // sees the flag down and arms the sweep itself, or is seen here.
    armed.set(false);
    if (!pending.isEmpty() && armed.compareAndSet(false, true)) {
      vertx.setTimer(SWEEP.toMillis(), id -> sweep());
    }
  }
}
