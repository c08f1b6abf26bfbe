package io.connectgate.kube;

import io.connectgate.admission.DeployJob;
import io.connectgate.deploy.EntryHash;
import io.connectgate.deploy.JobNaming;

/**
 * Deterministic deploy Job names: {@code <configmap>-deploy-<hash>}. The same connector
 * content gets the same name, so re-admitting it meets 409 AlreadyExists instead of starting
 * a second Job, and changed content gets a new one.
 *
 * <p>The hash is the SHA-256 of the data key, the entry's text and the Connect URL (a
 * changed {@code connectgate.io/connect-url} is a new deployment too), first
 * {@value #HASH_CHARS} hex digits. Names stay within {@value #MAX_NAME} characters: the Job
 * controller appends a 5-character suffix to name the pods and copies the name into the
 * {@code job-name} pod label (at most 63). Dots of the ConfigMap name become dashes, so the
 * name is also a valid label value and pod host name.
 */
public final class JobNames {

  public static final int MAX_NAME = JobNaming.MAX_NAME;
  public static final int HASH_CHARS = EntryHash.CHARS;

  private JobNames() {}

  public static String name(DeployJob job) {
    return name(job.configMapName(), contentHash(job));
  }

  static String name(String configMapName, String hash) {
    return JobNaming.name(configMapName, hash);
  }

  public static String contentHash(DeployJob job) {
    return EntryHash.of(job.dataKey(), job.content(), job.connectUrl());
  }

  /** A label value (at most 63 characters, alphanumeric at both ends) for the ConfigMap name. */
  static String labelValue(String configMapName) {
    return JobNaming.labelValue(configMapName);
  }
}
