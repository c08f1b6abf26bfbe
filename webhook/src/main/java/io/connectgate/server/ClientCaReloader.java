package io.connectgate.server;

import io.connectgate.tls.ClientCaBundle;
import io.connectgate.tls.ClientCaFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the {@code --client-ca} bundle and swaps the certificates client certificates are
 * verified against, without a restart: operators rotate the API server's client CA through
 * a ConfigMap. New connections are verified against the new bundle; established ones were
 * verified at their handshake and stay. A file that cannot be used changes nothing (see
 * {@link ClientCaFile}).
 */
final class ClientCaReloader {

  private static final Logger LOG = LoggerFactory.getLogger(ClientCaReloader.class);

  private final Vertx vertx;
  private final ClientCaFile file;
  private final Function<ClientCaBundle, Future<Boolean>> apply;
  private final WebhookMetrics metrics;
  private final PeriodicPoll poll;

  ClientCaReloader(Vertx vertx, ClientCaFile file, Function<ClientCaBundle, Future<Boolean>> apply,
      WebhookMetrics metrics, Duration interval) {
    this.vertx = vertx;
    this.file = file;
    this.apply = apply;
    this.metrics = metrics;
    this.poll = new PeriodicPoll(vertx, interval, this::check,
        e -> LOG.warn("client CA reload failed; keeping the current client CA: {}", e.toString()));
  }

  void start() {
    poll.start();
  }

  void stop() {
    poll.stop();
  }

  private Future<Void> check() {
    return vertx.executeBlocking(file::changed, false).compose(this::applyIfPresent);
  }

  private Future<Void> applyIfPresent(Optional<ClientCaBundle> candidate) {
    if (candidate.isEmpty()) {
      return Future.succeededFuture();
    }
    ClientCaBundle bundle = candidate.get();
    return apply.apply(bundle).map(updated -> {
      file.applied(bundle);
      metrics.clientCaReload(WebhookMetrics.CLIENT_CA_RELOADED);
      LOG.info("reloaded client CA from {}: {} certificate(s) {}", file.file(), bundle.certificates().size(),
          bundle.subjects());
      return null;
    });
  }
}
