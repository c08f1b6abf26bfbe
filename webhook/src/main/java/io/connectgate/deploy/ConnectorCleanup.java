package io.connectgate.deploy;

import io.connectgate.deploy.CleanupStatus.Entry;
import io.connectgate.deploy.CleanupStatus.State;
import io.connectgate.deploy.DeployEvent.Type;
import io.connectgate.deploy.DeployStatus.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connector cleanup of ConfigMaps labelled {@value CleanupKeys#DELETE_LABEL}{@code =true}
 * (issue #16). While such a ConfigMap lives, the controller keeps {@value CleanupKeys#FINALIZER}
 * on it. Once it is being deleted, every connector it deployed (an entry whose status is
 * {@code deployed} or {@code failed}, or that has a deploy Job) is deleted from Kafka Connect by
 * a delete Job ({@code deploy --delete}); running deploy Jobs are deleted first. A failed
 * delete Job is reported (Warning {@code ConnectorDeleteFailed}) and followed, after
 * {@link CleanupKeys#backoff}, by another, up to {@value CleanupKeys#MAX_ATTEMPTS} attempts;
 * then the connector is left in Connect (Warning {@code ConnectorLeftInConnect}). When every
 * entry is done the finalizer is removed. All state lives in the annotation and the Jobs, so a
 * restart or a new leader carries on.
 */
public final class ConnectorCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorCleanup.class);

  public static final String DELETE_JOB_CREATED = "ConnectorDeleteJobCreated";
  public static final String DELETED = "ConnectorDeleted";
  public static final String DELETE_FAILED = "ConnectorDeleteFailed";
  public static final String LEFT_IN_CONNECT = "ConnectorLeftInConnect";

  private final DeployCluster cluster;
  private final CleanupCluster cleanup;
  private final DeploySettings settings;
  private final Clock clock;

  public ConnectorCleanup(DeployCluster cluster, CleanupCluster cleanup, DeploySettings settings, Clock clock) {
    this.cluster = cluster;
    this.cleanup = cleanup;
    this.settings = settings;
    this.clock = clock;
  }

  /** True when the ConfigMap is being deleted and so handled here (no deploy may follow). */
  public boolean handle(StoredConfigMap cm) {
    Optional<CleanupState> found = cleanup.state(cm.namespace(), cm.name());
    if (found.isEmpty()) return false;
    CleanupState state = found.get();
    if (!state.deleting()) {
      if (state.optedIn() && !state.hasFinalizer()) {
        cleanup.addFinalizer(cm.namespace(), cm.name(), cm.uid());
        LOG.info("cleanup: finalizer {} added to ConfigMap {}", CleanupKeys.FINALIZER, cm.ref());
      } else if (!state.optedIn() && state.hasFinalizer()) {
        cleanup.writeCleanup(cm.namespace(), cm.name(), cm.uid(), new CleanupStatus(java.util.Map.of()).render(), true);
        LOG.info("cleanup: opted out: finalizer removed from ConfigMap {}", cm.ref());
      }
      return false;
    }
    if (state.hasFinalizer()) {
      cleanUp(cm, state);
    }
    return true; // being deleted: never deploy again
  }

  private void cleanUp(StoredConfigMap cm, CleanupState state) {
    List<OwnedJob> jobs = cluster.liveJobs(cm.namespace(), cm.name(), cm.uid());
    for (OwnedJob job : jobs) {
      if (isDeployJob(cm, job) && job.state() == OwnedJob.State.ACTIVE) {
        cluster.deleteJob(job.namespace(), job.name()); // it could re-create what is deleted now
      }
    }
    Optional<ConfigMapContent> content = cluster.read(cm.namespace(), cm.name()).filter(c -> c.uid().equals(cm.uid()));
    if (content.isEmpty()) return; // gone already
    DeployStatus deployed = DeployStatus.parse(cm.statusAnnotation());
    CleanupStatus before = CleanupStatus.parse(state.cleanupStatus());
    CleanupStatus next = before;
    Duration retryIn = null;
    for (String key : cm.entryHashes().keySet()) {
      DeployStatus.Entry recorded = deployed.get(key);
      boolean sent = recorded != null && recorded.outcome() != Outcome.REJECTED
          || jobs.stream().anyMatch(j -> isDeployJob(cm, j) && j.dataKey().equals(key));
      if (!sent || next.get(key) != null && next.get(key).state().done()) continue;
      String annotation = content.get().annotations().get(DeployKeys.CONNECT_URL_ANNOTATION);
      String connector = io.connectgate.admission.ConnectorName.of(content.get().data().get(key));
      if (connector == null || settings.urlRefusal(annotation) != null) {
        next = next.with(key, new Entry(connector == null ? "" : connector, 0, State.SKIPPED, null));
        continue;
      }
      Entry entry = next.get(key);
      int attempt = entry == null ? 1 : entry.attempts();
      DeleteJobRequest request = new DeleteJobRequest(cm.namespace(), cm.name(), cm.uid(), key, connector,
          settings.effectiveUrl(annotation), attempt);
      Optional<OwnedJob> job = jobs.stream().filter(j -> j.name().equals(request.jobName())).findFirst();
      if (job.isEmpty()) {
        if (entry != null && entry.state() == State.FAILED && entry.retryAt() != null
            && clock.instant().isBefore(entry.retryAt())) {
          retryIn = min(retryIn, Duration.between(clock.instant(), entry.retryAt()));
          continue;
        }
        cleanup.createDeleteJob(request);
        event(cm, Type.Normal, DELETE_JOB_CREATED, request, "data[" + key + "]: Job " + request.jobName()
            + " deletes connector " + connector + " from " + request.connectUrl() + " (attempt " + attempt + " of "
            + CleanupKeys.MAX_ATTEMPTS + ")");
        next = next.with(key, new Entry(connector, attempt, State.RUNNING, null));
      } else if (job.get().state() == OwnedJob.State.SUCCEEDED) {
        event(cm, Type.Normal, DELETED, request, "data[" + key + "]: connector " + connector
            + " deleted from " + request.connectUrl() + " by Job " + request.jobName());
        next = next.with(key, new Entry(connector, attempt, State.DELETED, null));
      } else if (job.get().state() == OwnedJob.State.FAILED) {
        String message = cluster.terminationMessage(cm.namespace(), request.jobName()).strip();
        String why = message.isEmpty() ? "see kubectl logs job/" + request.jobName() : message;
        if (attempt >= CleanupKeys.MAX_ATTEMPTS) {
          event(cm, Type.Warning, LEFT_IN_CONNECT, request, DeployReconciler.clip("data[" + key + "]: connector "
              + connector + " was NOT deleted from " + request.connectUrl() + " after " + attempt
              + " attempts; it is left in Kafka Connect and the finalizer released. Last error: " + why));
          next = next.with(key, new Entry(connector, attempt, State.ABANDONED, null));
        } else {
          Duration backoff = CleanupKeys.backoff(attempt);
          event(cm, Type.Warning, DELETE_FAILED, request, DeployReconciler.clip("data[" + key + "]: Job "
              + request.jobName() + " failed to delete connector " + connector + " (attempt " + attempt + " of "
              + CleanupKeys.MAX_ATTEMPTS + ", next in " + backoff.toSeconds() + " s): " + why));
          next = next.with(key, new Entry(connector, attempt + 1, State.FAILED, clock.instant().plus(backoff)));
          retryIn = min(retryIn, backoff);
        }
      }
    }
    boolean release = next.allDone();
    if (release || !next.equals(before)) {
      cleanup.writeCleanup(cm.namespace(), cm.name(), cm.uid(), next.render(), release);
      if (release) {
        LOG.info("cleanup: ConfigMap {} done ({}); finalizer released", cm.ref(), next.render());
      }
    }
    if (retryIn != null) {
      cleanup.requeueAfter(cm.namespace(), cm.name(), retryIn.plusSeconds(1));
    }
  }

  private static boolean isDeployJob(StoredConfigMap cm, OwnedJob job) {
    return job.name().equals(JobNaming.name(cm.name(), job.hash()));
  }

  private static Duration min(Duration a, Duration b) {
    return a == null || b.compareTo(a) < 0 ? b : a;
  }

  private void event(StoredConfigMap cm, Type type, String reason, DeleteJobRequest request, String message) {
    cluster.event(new DeployEvent(cm.namespace(), cm.name(), cm.uid(), type, reason, request.hash(), message));
  }

}
