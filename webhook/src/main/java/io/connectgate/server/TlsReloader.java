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
 */
final class TlsReloader {

  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

  private final Vertx vertx;
  private final CertificateFiles files;
  private final Function<KeyMaterial, Future<Boolean>> apply;
  private final WebhookMetrics metrics;
  private final PeriodicPoll poll;

  TlsReloader(Vertx vertx, CertificateFiles files, Function<KeyMaterial, Future<Boolean>> apply,
      WebhookMetrics metrics, Duration interval) {
    this.vertx = vertx;
    this.files = files;
    this.apply = apply;
    this.metrics = metrics;
    this.poll = new PeriodicPoll(vertx, interval, this::check,
        e -> LOG.warn("certificate reload failed; keeping the current certificate: {}", e.toString()));
  }

  void start() {
    poll.start();
  }

  void stop() {
    poll.stop();
  }

  private Future<Void> check() {
    return vertx.executeBlocking(files::changed, false).compose(this::applyIfPresent);
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
