package io.connectgate.admission;

/**
 * Whether a deploy Job created later than its admission would still deploy what the cluster
 * holds: the ConfigMap exists with the same uid and its data entry is the admitted content.
 */
@FunctionalInterface
public interface ConfigMapCheck {

  enum State {
    /** The ConfigMap (same uid) holds exactly the job's content: deploying it is right. */
    CURRENT,
    /**
     * Absent, another uid, or another entry. Right after the admission this may only mean that
     * the API server has not stored the object yet; later it means deleted, replaced, never
     * stored (another webhook denied it) or changed since: a newer admission rules.
     */
    DIFFERS,
    /** The API did not answer: try again later. */
    UNKNOWN
  }

  State check(DeployJob job);
}
