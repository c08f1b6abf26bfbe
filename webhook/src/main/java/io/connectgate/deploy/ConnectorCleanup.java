package io.connectgate.deploy;

import io.connectgate.admission.ConnectUrlAllowList;
import io.connectgate.admission.ConnectorName;
import io.connectgate.deploy.CleanupStatus.Entry;
import io.connectgate.deploy.CleanupStatus.State;
import io.connectgate.deploy.DeployStatus.Outcome;
import io.connectgate.validation.Limits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connector cleanup of ConfigMaps labelled {@value CleanupKeys#DELETE_LABEL}{@code =true}
 * (issue #16). While such a ConfigMap lives, the controller keeps {@value CleanupKeys#FINALIZER}
 * on it and records, per deployed entry, the connector's name and URL (state {@code recorded}
 * in {@value CleanupKeys#CLEANUP_STATUS_ANNOTATION}); an entry removed from the ConfigMap has
 * its connector deleted from Kafka Connect by a delete Job ({@code deploy --delete}). Once the
 * ConfigMap is being deleted, every connector it sent to Connect is deleted the same way
 * (running deploy Jobs are deleted first), and the finalizer is removed when all are done.
 * Failed delete Jobs are retried ({@link DeleteStep}); all state lives in the annotation and
 * the Jobs, so a restart or a new leader carries on.
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
  private final ConnectorCheck owners;
  private final DeleteStep steps;

  public ConnectorCleanup(DeployCluster cluster, CleanupCluster cleanup, DeploySettings settings, Clock clock) {
    this(cluster, cleanup, settings, clock, cm -> Map.of());
  }

  /** @param owners who owns a connector ({@link ConnectorCheck#otherOwner}): never deleted for another */
  public ConnectorCleanup(DeployCluster cluster, CleanupCluster cleanup, DeploySettings settings, Clock clock,
      ConnectorCheck owners) {
    this.cluster = cluster;
    this.cleanup = cleanup;
    this.settings = settings;
    this.owners = owners;
    this.steps = new DeleteStep(cluster, cleanup, clock);
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
        cleanup.writeCleanup(cm.namespace(), cm.name(), cm.uid(), CleanupStatus.parse(null).render(), true);
        LOG.info("cleanup: opted out: finalizer removed from ConfigMap {}", cm.ref());
      } else if (state.optedIn()) {
        track(cm, state);
      }
      return false;
    }
    if (state.hasFinalizer()) {
      cleanUp(cm, state);
    }
    return true; // being deleted: never deploy again
  }

  /**
   * A ConfigMap gone from the cache: when it lost the deploy label but kept the finalizer, the
   * finalizer goes too (its connectors stay in Connect: an unlabelled ConfigMap is not managed).
   */
  public void gone(String namespace, String name) {
    if (cleanup.releaseUnmanaged(namespace, name)) {
      LOG.info("cleanup: ConfigMap {}/{} is no longer labelled {}: finalizer removed, connectors left",
          namespace, name, DeployKeys.DEPLOY_LABEL);
    }
  }

  /** A living opted-in ConfigMap: record deployed connectors; delete those of removed entries. */
  private void track(StoredConfigMap cm, CleanupState state) {
    if (cm.entryHashes().size() > Limits.MAX_DOCUMENTS) {
      // Only the first entries are kept (EntryHashes.KEPT): the others cannot be told from
      // removed ones, so nothing is recorded or deleted until the ConfigMap is back at the limit.
      return;
    }
    DeployStatus deployed = DeployStatus.parse(cm.statusAnnotation());
    CleanupStatus before = CleanupStatus.parse(state.cleanupStatus());
    // One map for the whole pass: a status copied per entry was entries x entries.
    Map<String, Entry> next = new TreeMap<>(before.entries());
    Optional<ConfigMapContent> content = null;
    for (Map.Entry<String, String> e : cm.entryHashes().entrySet()) {
      DeployStatus.Entry d = deployed.get(e.getKey());
      Entry known = next.get(e.getKey());
      if (d == null || d.outcome() == Outcome.REJECTED || !d.hash().equals(e.getValue())
          || known != null && known.hash().equals(d.hash())) {
        continue;
      }
      if (content == null) {
        content = cluster.read(cm.namespace(), cm.name()).filter(c -> c.uid().equals(cm.uid()));
      }
      if (content.isEmpty()) return;
      String annotation = content.get().annotations().get(DeployKeys.CONNECT_URL_ANNOTATION);
      String connector = ConnectorName.of(content.get().data().get(e.getKey()));
      if (connector != null && settings.urlRefusal(annotation) == null) {
        next.put(e.getKey(), new Entry(connector, 0, State.RECORDED, null, settings.effectiveUrl(annotation),
            d.hash()));
      }
    }
    List<OwnedJob> jobs = null;
    Duration retryIn = null;
    for (Map.Entry<String, Entry> e : before.entries().entrySet()) {
      if (cm.entryHashes().containsKey(e.getKey())) continue;
      Entry entry = e.getValue();
      String target = entry.state().done() || entry.connector().isEmpty() || entry.url().isEmpty() ? null
          : deleteTarget(cm, e.getKey(), entry.connector(), entry.url());
      if (target == null) {
        next.remove(e.getKey());
        continue;
      }
      if (jobs == null) jobs = cluster.liveJobs(cm.namespace(), cm.name(), cm.uid());
      DeleteStep.Result r = steps.step(cm, e.getKey(), entry.connector(), target, entry, jobs,
          "no longer tracked");
      if (r.entry().state().done()) {
        next.remove(e.getKey());
      } else {
        next.put(e.getKey(), r.entry());
      }
      retryIn = min(retryIn, r.retryIn());
    }
    CleanupStatus updated = new CleanupStatus(next);
    if (!updated.equals(before)) {
      cleanup.writeCleanup(cm.namespace(), cm.name(), cm.uid(), updated.render(), false);
    }
    if (retryIn != null) cleanup.requeueAfter(cm.namespace(), cm.name(), retryIn.plusSeconds(1));
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
    // One map for the whole pass: a status copied per entry was entries x entries.
    Map<String, Entry> next = new TreeMap<>(before.entries());
    Duration retryIn = null;
    List<String> keys = new ArrayList<>(cm.entryHashes().keySet());
    before.entries().keySet().stream().filter(k -> !cm.entryHashes().containsKey(k)).forEach(keys::add);
    for (String key : keys) {
      Entry entry = next.get(key);
      if (entry != null && entry.state().done()) continue;
      String connector;
      String url;
      if (cm.entryHashes().containsKey(key)) {
        DeployStatus.Entry recorded = deployed.get(key);
        boolean sent = recorded != null && recorded.outcome() != Outcome.REJECTED || entry != null
            || jobs.stream().anyMatch(j -> isDeployJob(cm, j) && j.dataKey().equals(key));
        if (!sent) continue;
        String annotation = content.get().annotations().get(DeployKeys.CONNECT_URL_ANNOTATION);
        connector = ConnectorName.of(content.get().data().get(key));
        url = settings.urlRefusal(annotation) == null ? settings.effectiveUrl(annotation) : null;
      } else { // removed earlier; its delete had not finished
        connector = entry.connector().isEmpty() ? null : entry.connector();
        url = entry.url().isEmpty() ? null : entry.url();
      }
      if (connector != null && url != null) {
        url = deleteTarget(cm, key, connector, url);
      }
      if (connector == null || url == null) {
        next.put(key, new Entry(connector == null ? "" : connector, 0, State.SKIPPED, null));
        continue;
      }
      DeleteStep.Result r = steps.step(cm, key, connector, url, entry, jobs, "the finalizer released");
      next.put(key, r.entry());
      retryIn = min(retryIn, r.retryIn());
    }
    CleanupStatus updated = new CleanupStatus(next);
    boolean release = updated.allDone();
    if (release || !updated.equals(before)) {
      cleanup.writeCleanup(cm.namespace(), cm.name(), cm.uid(), updated.render(), release);
      if (release) {
        LOG.info("cleanup: ConfigMap {} done ({}); finalizer released", cm.ref(), updated.render());
      }
    }
    if (retryIn != null) cleanup.requeueAfter(cm.namespace(), cm.name(), retryIn.plusSeconds(1));
  }

  /**
   * The normalised URL to delete {@code connector} from, or null when that is refused (with a
   * Warning Event saying why). The cleanup status is an annotation anyone who may edit the
   * ConfigMap can write, so what it names is checked as a deploy would be: the URL must be
   * allowed (--connect-url-allow), and the connector must not be another ConfigMap's (one owner
   * per connector): a forged entry can neither send a delete Job elsewhere nor delete another
   * team's connector.
   */
  private String deleteTarget(StoredConfigMap cm, String key, String connector, String url) {
    String normalized = ConnectUrlAllowList.normalize(url);
    String why;
    if (normalized == null || settings.urlRefusal(normalized) != null) {
      why = "its recorded URL is not an allowed Connect URL (--connect-url-allow)"; // the URL itself not echoed
      normalized = "";
    } else {
      why = owners.otherOwner(cm.namespace(), cm.name(), normalized, connector)
          .map(owner -> "it belongs to ConfigMap " + owner + " (one owner per connector)").orElse(null);
    }
    if (why == null) {
      return normalized;
    }
    cluster.event(new DeployEvent(cm.namespace(), cm.name(), cm.uid(), DeployEvent.Type.Warning, LEFT_IN_CONNECT,
        EntryHash.of(key, connector, normalized), DeployReconciler.clip("data[" + key + "]: connector " + connector
            + (normalized.isEmpty() ? "" : " at " + normalized) + " is not deleted: " + why)));
    LOG.info("cleanup: data[{}] of ConfigMap {}: connector not deleted: {}", key, cm.ref(), why);
    return null;
  }

  private static boolean isDeployJob(StoredConfigMap cm, OwnedJob job) {
    return job.name().equals(JobNaming.name(cm.name(), job.hash()));
  }

  private static Duration min(Duration a, Duration b) {
    return b == null ? a : a == null || b.compareTo(a) < 0 ? b : a;
  }
}
