package io.connectgate.deploy;

import java.time.Duration;
import java.util.Optional;

/**
 * What connector cleanup needs from Kubernetes beyond {@link DeployCluster} (implemented with
 * Fabric8 in {@code kube/}). Failures surface as RuntimeExceptions; the work queue retries.
 */
public interface CleanupCluster {

  /** The cached cleanup view of a labelled ConfigMap; empty when not in the cache. */
  Optional<CleanupState> state(String namespace, String name);

  /** Adds {@value CleanupKeys#FINALIZER} to the stored ConfigMap (uid-checked, conflict-safe). */
  void addFinalizer(String namespace, String name, String uid);

  /**
   * Writes the cleanup status annotation and, when {@code release}, removes
   * {@value CleanupKeys#FINALIZER} in the same write (uid-checked, conflict-safe).
   */
  void writeCleanup(String namespace, String name, String uid, String cleanupStatus, boolean release);

  /** Creates the delete Job; one of that name existing already (409) is success. */
  void createDeleteJob(DeleteJobRequest request);

  /**
   * The ConfigMap left the controller's cache (deleted, or its {@value DeployKeys#DEPLOY_LABEL}
   * label removed): if it still exists without that label but with {@value CleanupKeys#FINALIZER},
   * the finalizer is removed (one GET; a patch only then), since nothing would remove it later.
   *
   * @return whether the finalizer was removed
   */
  boolean releaseUnmanaged(String namespace, String name);

  /** Looks at the ConfigMap again after {@code delay} (the backoff before another attempt). */
  void requeueAfter(String namespace, String name, Duration delay);
}
