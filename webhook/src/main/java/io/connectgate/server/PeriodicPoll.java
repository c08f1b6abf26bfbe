package io.connectgate.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a check on a Vert.x timer every interval, never two at once: a slow filesystem must
 * not stack up reads. A failed check goes to {@code onFailure}; the next one runs as usual.
 * Polling (rather than a file watcher) is deliberate: inotify misses the {@code ..data}
 * symlink swaps of mounted Secrets and ConfigMaps on some filesystems, and a read every few
 * seconds is free.
 */
final class PeriodicPoll {

  private final Vertx vertx;
  private final Duration interval;
  private final Supplier<Future<?>> check;
  private final Consumer<Throwable> onFailure;
  private long timerId = -1;
  private boolean running;

  PeriodicPoll(Vertx vertx, Duration interval, Supplier<Future<?>> check, Consumer<Throwable> onFailure) {
    this.vertx = vertx;
    this.interval = interval;
    this.check = check;
    this.onFailure = onFailure;
  }

  void start() {
    timerId = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> poll());
  }

  void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void poll() {
    if (running) {
      return;
    }
    running = true;
    Future<?> done;
    try {
      done = check.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(result -> {
      running = false;
      if (result.failed()) {
        onFailure.accept(result.cause());
      }
    });
  }
}
