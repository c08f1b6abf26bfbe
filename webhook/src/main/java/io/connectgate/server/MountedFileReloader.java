package io.connectgate.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls mounted files (the serving certificate, the client CA) and applies what changed
 * without a restart: new connections get the new value, established ones keep theirs until
 * they close. Polling (rather than a file watcher) is deliberate: inotify misses the
 * {@code ..data} symlink swaps of mounted Secrets and ConfigMaps on some filesystems, and a
 * read every few seconds is free. A failed read or apply keeps the current value.
 *
 * @param <T> what the files hold once read and checked
 */
final class MountedFileReloader<T> {

  private static final Logger LOG = LoggerFactory.getLogger(MountedFileReloader.class);

  private final Vertx vertx;
  private final Callable<Optional<T>> changed;
  private final Function<T, Future<Boolean>> apply;
  private final Consumer<T> applied;
  private final PeriodicPoll poll;

  /**
   * @param what what is reloaded, for the log ("certificate", "client CA")
   * @param changed reads the files (on a worker): the new value, or empty when unchanged or unusable
   * @param apply puts the value in force on the server
   * @param applied told once it is in force (record it, count it, log it)
   */
  MountedFileReloader(Vertx vertx, Duration interval, String what, Callable<Optional<T>> changed,
      Function<T, Future<Boolean>> apply, Consumer<T> applied) {
    this.vertx = vertx;
    this.changed = changed;
    this.apply = apply;
    this.applied = applied;
    this.poll = new PeriodicPoll(vertx, interval, this::check,
        e -> LOG.warn("{} reload failed; keeping the current {}: {}", what, what, e.toString()));
  }

  void start() {
    poll.start();
  }

  void stop() {
    poll.stop();
  }

  private Future<Void> check() {
    return vertx.executeBlocking(changed, false).compose(candidate -> candidate.isEmpty()
        ? Future.succeededFuture()
        : apply.apply(candidate.get()).map(updated -> {
          applied.accept(candidate.get());
          return null;
        }));
  }
}
