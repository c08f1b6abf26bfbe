package io.connectgate.deploy;

import io.connectgate.deploy.CleanupStatus.Entry;
import io.connectgate.deploy.CleanupStatus.State;
import io.connectgate.deploy.DeployEvent.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One pass of the delete Job of one connector: create attempt n (after the backoff of a failed
 * one), or read how it ended (Job conditions, the pod's termination message), with its Event.
 * After {@value CleanupKeys#MAX_ATTEMPTS} failed attempts the connector is left in Connect.
 */
final class DeleteStep {

  /** The entry's next state, and when to look again (null: an event will come). */
  record Result(Entry entry, Duration retryIn) {}

  private final DeployCluster cluster;
  private final CleanupCluster cleanup;
  private final Clock clock;

  DeleteStep(DeployCluster cluster, CleanupCluster cleanup, Clock clock) {
    this.cluster = cluster;
    this.cleanup = cleanup;
    this.clock = clock;
  }

  /**
   * @param entry the entry's current state: null or RECORDED when no attempt was made yet
   * @param released what happens after the last failure, for its Event ("the finalizer released")
   */
  Result step(StoredConfigMap cm, String key, String connector, String url, Entry entry, List<OwnedJob> jobs,
      String released) {
    Entry current = entry == null ? new Entry(connector, 0, State.RECORDED, null, url, "") : entry;
    int attempt = current.state() == State.RECORDED ? 1 : Math.max(1, current.attempts());
    DeleteJobRequest request = new DeleteJobRequest(cm.namespace(), cm.name(), cm.uid(), key, connector, url, attempt);
    Optional<OwnedJob> job = jobs.stream().filter(j -> j.name().equals(request.jobName())).findFirst();
    if (job.isEmpty()) {
      if (current.state() == State.FAILED && current.retryAt() != null && clock.instant().isBefore(current.retryAt())) {
        return new Result(current, Duration.between(clock.instant(), current.retryAt()));
      }
      cleanup.createDeleteJob(request);
      event(cm, Type.Normal, ConnectorCleanup.DELETE_JOB_CREATED, request, "data[" + key + "]: Job "
          + request.jobName() + " deletes connector " + connector + " from " + url + " (attempt " + attempt + " of "
          + CleanupKeys.MAX_ATTEMPTS + ")");
      return new Result(current.as(attempt, State.RUNNING, null), null);
    }
    if (job.get().state() == OwnedJob.State.SUCCEEDED) {
      event(cm, Type.Normal, ConnectorCleanup.DELETED, request, "data[" + key + "]: connector " + connector
          + " deleted from " + url + " by Job " + request.jobName());
      return new Result(current.as(attempt, State.DELETED, null), null);
    }
    if (job.get().state() != OwnedJob.State.FAILED) {
      return new Result(current.as(attempt, State.RUNNING, null), null);
    }
    String message = cluster.terminationMessage(cm.namespace(), request.jobName()).strip();
    String why = message.isEmpty() ? "see kubectl logs job/" + request.jobName() : message;
    if (attempt >= CleanupKeys.MAX_ATTEMPTS) {
      event(cm, Type.Warning, ConnectorCleanup.LEFT_IN_CONNECT, request, DeployReconciler.clip("data[" + key
          + "]: connector " + connector + " was NOT deleted from " + url + " after " + attempt
          + " attempts; it is left in Kafka Connect and " + released + ". Last error: " + why));
      return new Result(current.as(attempt, State.ABANDONED, null), null);
    }
    Duration backoff = CleanupKeys.backoff(attempt);
    event(cm, Type.Warning, ConnectorCleanup.DELETE_FAILED, request, DeployReconciler.clip("data[" + key + "]: Job "
        + request.jobName() + " failed to delete connector " + connector + " (attempt " + attempt + " of "
        + CleanupKeys.MAX_ATTEMPTS + ", next in " + backoff.toSeconds() + " s): " + why));
    return new Result(current.as(attempt + 1, State.FAILED, clock.instant().plus(backoff)), backoff);
  }

  private void event(StoredConfigMap cm, Type type, String reason, DeleteJobRequest request, String message) {
    cluster.event(new DeployEvent(cm.namespace(), cm.name(), cm.uid(), type, reason, request.hash(), message));
  }
}
