package io.connectgate.deploy;

import io.connectgate.deploy.DeployEvent.Type;
import io.connectgate.deploy.DeployStatus.Outcome;
import io.connectgate.validation.Limits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one labelled ConfigMap's deploy Jobs in line with what the API server stored (the
 * Strimzi/Kyverno pattern: desired state from the stored resource, status back on it). Every
 * step is idempotent and reads only what is stored, so a restart or a new leader finishes any
 * work; nothing in memory is needed.
 *
 * <p>Per connector entry, with its content hash H:
 * <ul>
 *   <li>active Jobs of the entry for another hash are deleted (newer content supersedes);</li>
 *   <li>the Job for H finished: its outcome goes to the status annotation and an Event;</li>
 *   <li>no Job for H and the status records H: done earlier (the Job's TTL removed it);</li>
 *   <li>otherwise the stored ConfigMap is read, the entry re-hashed, the engine and policy run
 *       on it, and the Job for H is created, or, when refused, a Warning Event and status
 *       {@code rejected} instead.</li>
 * </ul>
 * A ConfigMap with more connector entries than the engine admits ({@link Limits#MAX_DOCUMENTS})
 * gets no Job and one Warning Event, whatever its size. A stable ConfigMap costs no API call
 * beyond the informers' and is never written.
 */
public final class DeployReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(DeployReconciler.class);
  static final int MAX_MESSAGE = 1024;

  private final DeployCluster cluster;
  private final ConnectorCheck check;
  private final DeploySettings settings;
  private final EntryHashes hashes;
  private final ConnectorCleanup cleanup;

  public DeployReconciler(DeployCluster cluster, ConnectorCheck check, DeploySettings settings) {
    this(cluster, check, settings, null);
  }

  /** @param cleanup connector cleanup (#16), or null */
  public DeployReconciler(DeployCluster cluster, ConnectorCheck check, DeploySettings settings,
      ConnectorCleanup cleanup) {
    this.cluster = cluster;
    this.check = check;
    this.settings = settings;
    this.hashes = new EntryHashes(settings);
    this.cleanup = cleanup;
  }

  public void reconcile(String namespace, String name) {
    if (settings.refusedNamespaces().contains(namespace)) {
      return;
    }
    Optional<StoredConfigMap> found = cluster.cached(namespace, name);
    if (found.isEmpty()) {
      if (cleanup != null) cleanup.gone(namespace, name); // a finalizer left on an unlabelled ConfigMap
      return; // unlabelled or deleted: its Jobs go with it (ownerReference)
    }
    StoredConfigMap cm = found.get();
    if (cleanup != null && cleanup.handle(cm)) {
      return; // being deleted: connector cleanup's, never deployed again
    }
    // A status copied from another object (a restored backup, an applied `get -o yaml`) is not
    // this one's: its entries are dropped, so the copy is deployed, not taken for done.
    DeployStatus status = DeployStatus.parse(cm.statusAnnotation()).of(cm.uid());
    // One map for the whole pass: a status copied per entry was entries x entries.
    Map<String, DeployStatus.Entry> next = new TreeMap<>(status.retain(cm.entryHashes().keySet()).entries());
    Map<String, OwnedJob> jobs = deployJobsOf(cm, cluster.cachedJobs(namespace, name, cm.uid()));
    boolean tooMany = cm.entryHashes().size() > Limits.MAX_DOCUMENTS;
    if (anySuperseded(cm, jobs) || !tooMany && anyMissing(cm, status, jobs)) {
      jobs = deployJobsOf(cm, cluster.liveJobs(namespace, name, cm.uid()));
      supersede(cm, jobs);
    }
    if (tooMany) {
      refuseAll(cm);
      return;
    }
    Pending pending = new Pending(cm);
    for (Map.Entry<String, String> entry : cm.entryHashes().entrySet()) {
      entry(cm, entry.getKey(), entry.getValue(), status, next, jobs.get(entry.getValue()), pending);
    }
    DeployStatus updated = new DeployStatus(next);
    if (!updated.equals(status)) {
      String text = updated.render();
      if (!cluster.writeStatus(namespace, name, cm.resourceVersion(), text)) {
        statusRefused(cm, text);
      }
    }
  }

  /**
   * The API server refused the status as invalid: the ConfigMap's annotations together would
   * exceed their limit (256 KiB), which only the ConfigMap's writers can mend. Not retried (it
   * cannot succeed until the object changes, and a change brings a new pass); one Warning per
   * status text says what follows: a finished Job removed by its TTL is not known to be done,
   * so it is created again.
   */
  private void statusRefused(StoredConfigMap cm, String text) {
    cluster.event(new DeployEvent(cm.namespace(), cm.name(), cm.uid(), Type.Warning, DeployEvent.STATUS_NOT_RECORDED,
        EntryHash.of("", text, ""), "the deploy status could not be recorded: the API server refused the "
            + DeployKeys.STATUS_ANNOTATION + " annotation (the ConfigMap's annotations would exceed their size "
            + "limit); until other annotations are removed, a finished Job removed by its TTL is deployed again"));
    LOG.warn("deploy: status of ConfigMap {} refused by the API server (annotations too large)", cm.ref());
  }

  /**
   * Only the deploy Jobs ({@link JobNaming}), not connector cleanup's delete Jobs, by content
   * hash: indexed once per pass, so a pass costs entries + Jobs, not entries x Jobs. The hash
   * covers the data key, so one hash is one entry's; a Job whose data-key annotation disagrees
   * is not the entry's.
   */
  private static Map<String, OwnedJob> deployJobsOf(StoredConfigMap cm, List<OwnedJob> jobs) {
    Map<String, OwnedJob> byHash = new HashMap<>();
    String usual = JobNaming.name(cm.name(), "0".repeat(EntryHash.CHARS));
    String prefix = usual.substring(0, usual.length() - EntryHash.CHARS); // the name's part before the hash
    for (OwnedJob j : jobs) {
      boolean usualLength = j.hash().length() == EntryHash.CHARS;
      if (usualLength ? j.name().length() == usual.length() && j.name().startsWith(prefix) && j.name().endsWith(j.hash())
          : j.name().equals(JobNaming.name(cm.name(), j.hash()))) {
        byHash.put(j.hash(), j);
      }
    }
    return byHash;
  }

  /** Whether an active Job's entry is gone or holds other content now. */
  private static boolean anySuperseded(StoredConfigMap cm, Map<String, OwnedJob> jobs) {
    for (OwnedJob job : jobs.values()) {
      if (job.state() == OwnedJob.State.ACTIVE && !job.hash().equals(cm.entryHashes().get(job.dataKey()))) {
        return true;
      }
    }
    return false;
  }

  /** Whether an entry is neither recorded in the status nor has its Job (else no API call is made at all). */
  private static boolean anyMissing(StoredConfigMap cm, DeployStatus status, Map<String, OwnedJob> jobs) {
    for (Map.Entry<String, String> e : cm.entryHashes().entrySet()) {
      DeployStatus.Entry recorded = status.get(e.getKey());
      boolean done = recorded != null && recorded.hash().equals(e.getValue());
      if (!done && ownJob(jobs.get(e.getValue()), e.getKey()) == null) {
        return true;
      }
    }
    return false;
  }

  /** {@code job} when it is the Job of data key {@code key}, else null. */
  private static OwnedJob ownJob(OwnedJob job, String key) {
    return job != null && job.dataKey().equals(key) ? job : null;
  }

  /**
   * More connector entries than the engine admits in one ConfigMap (stored while the webhook
   * was not called, say): nothing is deployed, and one Warning Event, not one per entry, says
   * why. No status is written: its size would grow with the entries. The Event's name comes
   * from the kept entries' hashes ({@link EntryHashes#KEPT}), so the same content is reported
   * once.
   */
  private void refuseAll(StoredConfigMap cm) {
    String hash = EntryHash.of("", new TreeMap<>(cm.entryHashes()).toString(), "");
    cluster.event(new DeployEvent(cm.namespace(), cm.name(), cm.uid(), Type.Warning, DeployEvent.REJECTED, hash,
        "not deployed: the ConfigMap holds more than " + Limits.MAX_DOCUMENTS
            + " connector entries (limit: connector documents per ConfigMap)"));
    LOG.debug("deploy: ConfigMap {} holds more than {} connector entries: none deployed", cm.ref(),
        Limits.MAX_DOCUMENTS);
  }

  /** Deletes every active Job whose entry is gone or holds other content now. */
  private void supersede(StoredConfigMap cm, Map<String, OwnedJob> jobs) {
    for (OwnedJob job : jobs.values()) {
      String current = cm.entryHashes().get(job.dataKey());
      if (job.state() == OwnedJob.State.ACTIVE && !job.hash().equals(current)) {
        cluster.deleteJob(job.namespace(), job.name());
        LOG.info("deploy: deleted superseded Job {}/{} of data[{}] of ConfigMap {}", job.namespace(), job.name(),
            job.dataKey(), cm.ref());
        cluster.event(new DeployEvent(cm.namespace(), cm.name(), cm.uid(), Type.Normal, DeployEvent.SUPERSEDED,
            job.hash(), "data[" + job.dataKey() + "]: Job " + job.name() + " deleted: "
                + (current == null ? "the entry is gone" : "newer content supersedes it")));
      }
    }
  }

  /** Acts on one entry; records its new status in {@code next}. */
  private void entry(StoredConfigMap cm, String key, String hash, DeployStatus status,
      Map<String, DeployStatus.Entry> next, OwnedJob hashJob, Pending pending) {
    String jobName = JobNaming.name(cm.name(), hash);
    DeployStatus.Entry recorded = status.get(key);
    boolean recordedThis = recorded != null && recorded.hash().equals(hash);
    Optional<OwnedJob> job = Optional.ofNullable(ownJob(hashJob, key));
    if (job.isPresent()) {
      if (!job.get().state().finished()) {
        return; // running: its end triggers the next pass
      }
      Outcome outcome = job.get().state() == OwnedJob.State.SUCCEEDED ? Outcome.DEPLOYED : Outcome.FAILED;
      if (recordedThis && recorded.outcome() == outcome) {
        return;
      }
      report(cm, key, hash, jobName, outcome);
      next.put(key, new DeployStatus.Entry(hash, outcome, jobName, cm.uid()));
      return;
    }
    if (recordedThis) {
      return; // finished (or refused) before: a Job removed by its TTL is not created again
    }
    String refusal = pending.refusal(key, hash);
    if (refusal == null) {
      return; // the stored object moved on: the informer brings the new version
    }
    if (!refusal.isEmpty()) {
      cluster.event(new DeployEvent(cm.namespace(), cm.name(), cm.uid(), Type.Warning, DeployEvent.REJECTED, hash,
          clip("data[" + key + "]: not deployed: " + refusal)));
      LOG.info("deploy: data[{}] of ConfigMap {} refused, no Job", key, cm.ref());
      next.put(key, new DeployStatus.Entry(hash, Outcome.REJECTED, "", cm.uid()));
      return;
    }
    JobRequest request = new JobRequest(cm.namespace(), cm.name(), cm.uid(), key, hash,
        settings.effectiveUrl(cm.connectUrlAnnotation()));
    cluster.createJob(request);
    LOG.info("deploy: Job {}/{} for data[{}] of ConfigMap {} -> {}", cm.namespace(), jobName, key, cm.ref(),
        request.connectUrl());
    cluster.event(new DeployEvent(cm.namespace(), cm.name(), cm.uid(), Type.Normal, DeployEvent.JOB_CREATED, hash,
        "data[" + key + "]: Job " + jobName + " deploys it to " + request.connectUrl()));
  }

  private void report(StoredConfigMap cm, String key, String hash, String jobName, Outcome outcome) {
    if (outcome == Outcome.DEPLOYED) {
      cluster.event(new DeployEvent(cm.namespace(), cm.name(), cm.uid(), Type.Normal, DeployEvent.DEPLOYED, hash,
          "data[" + key + "]: connector deployed by Job " + jobName));
      return;
    }
    String message = cluster.terminationMessage(cm.namespace(), jobName).strip();
    cluster.event(new DeployEvent(cm.namespace(), cm.name(), cm.uid(), Type.Warning, DeployEvent.DEPLOY_FAILED, hash,
        clip("data[" + key + "]: Job " + jobName + " failed"
            + (message.isEmpty() ? " (no termination message; see kubectl logs job/" + jobName + ")" : ": " + message))));
  }

  static String clip(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
  }

  /**
   * The stored ConfigMap, read at most once per pass and only when an entry needs a Job, and
   * the engine's verdict on it.
   */
  private final class Pending {
    private final StoredConfigMap cm;
    private ConfigMapContent content;
    /** The fresh content's entry hashes, computed once per pass (not once per entry). */
    private Map<String, String> freshHashes;
    private Map<String, List<String>> errors;
    private boolean read;

    Pending(StoredConfigMap cm) {
      this.cm = cm;
    }

    /** "" when the entry may be deployed, a reason when not, null when the store moved on. */
    String refusal(String key, String hash) {
      if (!read) {
        read = true;
        content = cluster.read(cm.namespace(), cm.name()).filter(c -> c.uid().equals(cm.uid())).orElse(null);
      }
      if (content == null) {
        return null;
      }
      String annotation = content.annotations().get(DeployKeys.CONNECT_URL_ANNOTATION);
      if (freshHashes == null) {
        // Every entry's hash parses and digests the whole ConfigMap: once, not per entry
        // (per entry it was entries x size: 4,000 small entries cost 12 s per pass).
        freshHashes = hashes.of(content.data(), annotation);
      }
      if (!hash.equals(freshHashes.get(key))) {
        return null;
      }
      String urlRefusal = settings.urlRefusal(annotation);
      if (urlRefusal != null) {
        return urlRefusal;
      }
      if (errors == null) {
        errors = check.errors(content);
      }
      List<String> found = new ArrayList<>(errors.getOrDefault(ReviewerCheck.WHOLE, List.of()));
      found.addAll(errors.getOrDefault(key, List.of()));
      return String.join("; ", found);
    }
  }
}
