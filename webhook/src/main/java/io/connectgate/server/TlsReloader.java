package io.connectgate.server;

import io.connectgate.tls.CertificateFiles;
import io.connectgate.tls.KeyMaterial;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls tls.crt/tls.key and swaps the server's certificate without a restart. New
 * connections get the new certificate; established ones keep theirs until they close.
 * Polling (rather than a file watcher) is deliberate: inotify misses the {@code ..data}
 * symlink swaps of mounted Secrets on some filesystems, and a read every few seconds is free.
 */
final class TlsReloader {

  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

  private final Vertx vertx;
  private final CertificateFiles files;
  private final Function<KeyMaterial, Future<Boolean>> apply;
  private final WebhookMetrics metrics;
  private final Duration interval;
  private long timerId = -1;
  private boolean polling;

  TlsReloader(Vertx vertx, CertificateFiles files, Function<KeyMaterial, Future<Boolean>> apply,
      WebhookMetrics metrics, Duration interval) {
    this.vertx = vertx;
    this.files = files;
    this.apply = apply;
    this.metrics = metrics;
    this.interval = interval;
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
    if (polling) {
      return; // a slow filesystem must not stack up reads
    }
    polling = true;
    vertx.executeBlocking(files::changed, false)
        .compose(this::applyIfPresent)
        .onComplete(done -> {
          polling = false;
          if (done.failed()) {
            LOG.warn("certificate reload failed; keeping the current certificate: {}", done.cause().toString());
          }
        });
  }

  private Future<Void> applyIfPresent(Optional<KeyMaterial> candidate) {
    if (candidate.isEmpty()) {
      return Future.succeededFuture();
    }
    KeyMaterial material = candidate.get();
    return apply.apply(material).map(updated -> {
      files.applied(material);
      metrics.certificate(material.notAfter(), true);
      LOG.info("reloaded serving certificate subject=\"{}\" notAfter={}", material.subject(), material.notAfter());
      return null;
    });
  }
}
