package io.connectgate.server;

import io.connectgate.policy.PolicyReloader;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the policy file off the event loop and reports each change: a new version in force,
 * or a broken one rejected (the previous policy stays). Problems are about the policy file's
 * own structure, never a connector's values, so they are safe to log.
 */
public final class PolicyWatch {

  private static final Logger LOG = LoggerFactory.getLogger(PolicyWatch.class);

  private final Vertx vertx;
  private final PolicyReloader reloader;
  private final WebhookMetrics metrics;

  public PolicyWatch(Vertx vertx, PolicyReloader reloader, WebhookMetrics metrics) {
    this.vertx = vertx;
    this.reloader = reloader;
    this.metrics = metrics;
  }

  public long every(Duration interval) {
    return vertx.setPeriodic(Math.max(100, interval.toMillis()), id -> pollOnce());
  }

  void pollOnce() {
    // ordered: one poll at a time, as PolicyReloader expects a single poller
    vertx.executeBlocking(reloader::poll, true).onSuccess(outcome -> {
      switch (outcome.status()) {
        case RELOADED -> {
          metrics.policyReload("reloaded");
          LOG.info("policy reloaded from {}", reloader.current().source());
        }
        case REJECTED -> {
          metrics.policyReload("rejected");
          LOG.error("policy change rejected, previous policy stays in force: {}",
              String.join("; ", outcome.problems()));
        }
        default -> { }
      }
    }).onFailure(e -> LOG.error("policy poll failed: {}", e.toString()));
  }
}
