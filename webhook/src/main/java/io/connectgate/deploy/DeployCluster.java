package io.connectgate.deploy;

import java.util.List;
import java.util.Optional;

/**
 * What the reconciler needs from Kubernetes (implemented with Fabric8 in {@code kube/}). The
 * cached views come from informers; the others are API calls. Every call may throw a
 * RuntimeException for an API failure; the work queue retries the ConfigMap later.
 */
public interface DeployCluster {

  /** The informer's view of a labelled ConfigMap; empty when not labelled (or deleted). */
  Optional<StoredConfigMap> cached(String namespace, String name);

  /** The deploy Jobs of a ConfigMap (by owner uid), from the informer's cache. */
  List<OwnedJob> cachedJobs(String namespace, String configMapName, String configMapUid);

  /** The same, read from the API (before acting: the cache may not show a Job just created). */
  List<OwnedJob> liveJobs(String namespace, String configMapName, String configMapUid);

  /** The ConfigMap as stored now, or empty when gone. */
  Optional<ConfigMapContent> read(String namespace, String name);

  /** Creates the Job; a Job of that name existing already (409) is success. */
  void createJob(JobRequest request);

  void deleteJob(String namespace, String name);

  /** The termination message of the Job's last terminated pod container, or empty. */
  String terminationMessage(String namespace, String jobName);

  /**
   * Sets the status annotation, only if the ConfigMap still has {@code resourceVersion}.
   *
   * @return false when the API server refuses the write as invalid (422: the ConfigMap's
   *     annotations would exceed their size limit), which no retry mends until the object changes
   */
  boolean writeStatus(String namespace, String name, String resourceVersion, String status);

  /** Records the Event once (a second report of the same fact is dropped). */
  void event(DeployEvent event);
}
