package io.connectgate.connect;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The idempotent deploy: optionally {@code PUT .../config/validate}, then
 * {@code PUT /connectors/{name}/config} (create or update, never the 409 of a second POST),
 * then poll the status until the connector and its tasks run. One deadline covers it all.
 *
 * <p>Connection failures, 5xx and 409 (rebalance in progress) are retried with jittered
 * exponential backoff until the deadline; any other 4xx is a config error and ends at once.
 * Progress lines go to {@code progress}; they may quote Connect, so the caller scrubs them.
 */
public final class ConnectorDeployer {

  /** What the command line controls. {@code minTasks}: tasks needed before "RUNNING". */
  public record Settings(Duration timeout, Duration pollInterval, boolean validateRemote,
      boolean dryRun, int minTasks, RetryPolicy retry) {}

  @FunctionalInterface
  interface Call {
    ConnectResponse run(Duration requestTimeout) throws IOException, InterruptedException;
  }

  /** A response, or none and the last error when every try failed. */
  private record Attempt(ConnectResponse response, String lastError) {}

  /** Time kept for a last request before the deadline. */
  private static final Duration LAST_TRY = Duration.ofMillis(100);

  private final ConnectClient client;
  private final Settings settings;
  private final Consumer<String> progress;
  private final DoubleSupplier random;
  private final LongSupplier nanoTime;

  public ConnectorDeployer(ConnectClient client, Settings settings, Consumer<String> progress,
      DoubleSupplier random, LongSupplier nanoTime) {
    this.client = client;
    this.settings = settings;
    this.progress = progress;
    this.random = random;
    this.nanoTime = nanoTime;
  }

  public DeployOutcome deploy(ConnectorDefinition connector) throws InterruptedException {
    long deadline = nanoTime.getAsLong() + settings.timeout().toNanos();
    String name = connector.name();

    if (settings.validateRemote()) {
      Attempt validated = withRetries("validate " + name,
          t -> client.validate(connector.connectorClass(), connector.config(), t), deadline);
      if (validated.response() == null) {
        return new DeployOutcome.Unreachable(validated.lastError());
      }
      ConnectResponse r = validated.response();
      if (!r.isSuccess()) {
        return new DeployOutcome.Rejected(r.status(), r.message());
      }
      RemoteValidation v = RemoteValidation.from(r.body());
      if (v.errorCount() > 0) {
        return new DeployOutcome.Invalid(v.errorCount(), v.findings());
      }
      progress.accept("Connect validated " + name + ": no errors");
    }
    if (settings.dryRun()) {
      return new DeployOutcome.DryRun();
    }

    Attempt put = withRetries("PUT " + name,
        t -> client.putConfig(name, connector.config(), t), deadline);
    if (put.response() == null) {
      return new DeployOutcome.Unreachable(put.lastError());
    }
    ConnectResponse r = put.response();
    if (!r.isSuccess()) {
      return new DeployOutcome.Rejected(r.status(), r.message());
    }
    boolean created = r.status() == 201;
    progress.accept((created ? "created " : "updated ") + "connector " + name
        + " (HTTP " + r.status() + "); waiting for it to run");
    return awaitRunning(name, created, deadline);
  }

  /**
   * {@code DELETE /connectors/{name}}, retried like a deploy (connection failures, 5xx, 409)
   * until the deadline. 404 is success: the connector is already gone, so a delete Job that
   * runs twice (or after someone removed the connector by hand) succeeds.
   */
  public DeployOutcome delete(String name) throws InterruptedException {
    long deadline = nanoTime.getAsLong() + settings.timeout().toNanos();
    if (settings.dryRun()) {
      return new DeployOutcome.DryRun();
    }
    Attempt deleted = withRetries("DELETE " + name, t -> client.deleteConnector(name, t), deadline);
    if (deleted.response() == null) {
      return new DeployOutcome.Unreachable(deleted.lastError());
    }
    ConnectResponse r = deleted.response();
    if (r.status() == 404) {
      return new DeployOutcome.Deleted(false);
    }
    if (!r.isSuccess()) {
      return new DeployOutcome.Rejected(r.status(), r.message());
    }
    return new DeployOutcome.Deleted(true);
  }

  private DeployOutcome awaitRunning(String name, boolean created, long deadline)
      throws InterruptedException {
    String last = "no status yet";
    // After an update Connect may report the previous generation as RUNNING until it has
    // restarted it, and a status carries no generation. So an update counts as running only
    // when two polls in a row say so; a create has no previous generation to mistake.
    int runningNeeded = created ? 1 : 2;
    int runningSeen = 0;
    while (true) {
      // Sleep first, giving Connect a moment to start (or restart) the connector.
      Duration wait = fitBefore(settings.pollInterval(), deadline);
      if (wait == null) {
        return new DeployOutcome.TimedOut(last);
      }
      Thread.sleep(wait.toMillis());
      try {
        ConnectResponse r = client.status(name, requestTimeout(deadline));
        if (r.status() == 200) {
          ConnectorStatus status = ConnectorStatus.from(r.body());
          ConnectorStatus.Verdict verdict = status.verdict(settings.minTasks());
          if (verdict instanceof ConnectorStatus.Verdict.Running running) {
            if (++runningSeen >= runningNeeded) {
              return new DeployOutcome.Running(created, running.tasks());
            }
            last = status.summary();
            continue;
          }
          runningSeen = 0;
          if (verdict instanceof ConnectorStatus.Verdict.Failed failed) {
            return new DeployOutcome.Failed(failed.what(), failed.reason());
          }
          String summary = ((ConnectorStatus.Verdict.Pending) verdict).summary();
          if (!summary.equals(last)) {
            progress.accept("waiting: " + summary);
          }
          last = summary;
        } else if (r.status() == 404) {
          runningSeen = 0;
          // Connect writes the first status a moment after it accepted the config.
          last = "no status yet (HTTP 404)";
        } else {
          runningSeen = 0;
          last = "status HTTP " + r.status() + ": " + r.message();
        }
      } catch (IOException e) {
        runningSeen = 0;
        last = "status request failed: " + describe(e);
      }
    }
  }

  private Attempt withRetries(String what, Call call, long deadline)
      throws InterruptedException {
    String lastError = "no attempt within the timeout";
    for (int attempt = 0; ; attempt++) {
      if (nanoTime.getAsLong() >= deadline) {
        return new Attempt(null, lastError);
      }
      try {
        ConnectResponse r = call.run(requestTimeout(deadline));
        if (!r.isRetryable()) {
          return new Attempt(r, null);
        }
        lastError = "HTTP " + r.status() + ": " + r.message();
      } catch (IOException e) {
        lastError = describe(e);
      }
      Duration wait = fitBefore(settings.retry().delay(attempt, random), deadline);
      if (wait == null) {
        return new Attempt(null, lastError);
      }
      progress.accept(what + " failed (" + lastError + "); retrying in " + wait.toMillis()
          + " ms");
      Thread.sleep(wait.toMillis());
    }
  }

  /**
   * {@code delay}, cut short so that one last try still fits before the deadline; null when
   * too little time is left for another try.
   */
  private Duration fitBefore(Duration delay, long deadline) {
    long left = deadline - nanoTime.getAsLong() - LAST_TRY.toNanos();
    if (left <= 0) {
      return null;
    }
    return delay.toNanos() <= left ? delay : Duration.ofNanos(left);
  }

  /** The time left, so that no single request outlives the deadline. */
  private Duration requestTimeout(long deadline) {
    long left = deadline - nanoTime.getAsLong();
    return Duration.ofNanos(Math.max(left, Duration.ofMillis(1).toNanos()));
  }

  static String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer in time";
    }
    Throwable t = e;
    while (t != null) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      t = t.getCause();
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
