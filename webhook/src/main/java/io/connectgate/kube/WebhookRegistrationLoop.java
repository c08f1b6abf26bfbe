package io.connectgate.kube;

import io.connectgate.kube.WebhookSelfRegistration.Outcome;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link WebhookSelfRegistration#ensure} on a thread of its own: every {@code retry}
 * until the configurations are first registered (waiting for the Service's endpoints, or
 * after a failed call), then every {@code interval}, which re-creates a configuration deleted
 * meanwhile (e.g. by a Helm upgrade from a chart version that rendered it) and applies a
 * changed template. Logs a line when the state changes, not on every pass.
 */
public final class WebhookRegistrationLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistrationLoop.class);

  private final WebhookSelfRegistration registration;
  private final Duration retry;
  private final Duration interval;
  private final AutoCloseable resources;
  private final ScheduledExecutorService executor;
  private volatile boolean registered;
  private String lastState = "";

  private WebhookRegistrationLoop(WebhookSelfRegistration registration, Duration retry, Duration interval,
      AutoCloseable resources) {
    this.registration = registration;
    this.retry = retry;
    this.interval = interval;
    this.resources = resources;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "connectgate-webhook-registration");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts the first pass now; {@code resources} (the client) close with the loop. */
  public static WebhookRegistrationLoop start(WebhookSelfRegistration registration, Duration retry,
      Duration interval, AutoCloseable resources) {
    WebhookRegistrationLoop loop = new WebhookRegistrationLoop(registration, retry, interval, resources);
    loop.executor.execute(loop::pass);
    return loop;
  }

  /** Whether a pass has found (or made) every configuration as the template says. */
  public boolean registered() {
    return registered;
  }

  private void pass() {
    Duration next = retry;
    try {
      Outcome outcome = registration.ensure();
      switch (outcome) {
        case WAITING -> report("waiting",
            () -> LOG.info("webhook registration: waiting for a ready endpoint of the webhook's Service"));
        case APPLIED -> {
          lastState = "applied";
          LOG.info("webhook registration: webhook configurations created or updated");
        }
        case UNCHANGED -> report("unchanged", () -> LOG.info("webhook registration: webhook configurations are current"));
      }
      if (outcome != Outcome.WAITING) {
        registered = true;
        next = interval;
      }
    } catch (KubeCallException | IllegalStateException | java.io.UncheckedIOException e) {
      // Messages are built by us (no API response body): safe to log.
      String message = e.getMessage();
      report("failed:" + message, () -> LOG.warn("webhook registration failed, retrying every {}: {}", retry, message));
    } catch (RuntimeException e) {
      String type = e.getClass().getSimpleName();
      report("failed:" + type, () -> LOG.warn("webhook registration failed, retrying every {}: {}", retry, type));
    }
    if (!executor.isShutdown()) {
      try {
        executor.schedule(this::pass, next.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // closed meanwhile
      }
    }
  }

  private void report(String state, Runnable log) {
    if (!state.equals(lastState)) {
      lastState = state;
      log.run();
    }
  }

  @Override
  public void close() throws Exception {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
    resources.close();
  }
}
