package io.connectgate.admission;

/**
 * What became of one {@link DeployJob}.
 *
 * @param jobName the Job's name (deterministic: the same content always gets the same name),
 *     empty when it was not computed
 * @param detail for {@link Result#FAILED}, {@link Result#SKIPPED} and {@link Result#QUEUED} a short reason safe to
 *     show the user (no content); for {@link Result#EXISTING} a note on the earlier Job (e.g.
 *     that it failed), or empty
 * @param apiUnavailable the Kubernetes API did not answer usefully (no connection, no answer in
 *     time, HTTP 5xx or 429): what {@link JobCallGuard} counts to pause Job creation. False for
 *     an API that answered with a refusal (403, 422, ...), which pausing would not help.
 */
public record JobLaunch(String dataKey, String jobName, Result result, String detail, boolean apiUnavailable) {

  /** A launch whose failure, if any, is not the API's unavailability. */
  public JobLaunch(String dataKey, String jobName, Result result, String detail) {
    this(dataKey, jobName, result, detail, false);
  }

  public enum Result {
    /** A new Job was created. */
    CREATED,
    /** A Job for exactly this content already exists (409 AlreadyExists): deployed before. */
    EXISTING,
    /** The API call failed or did not answer in time; nothing is being deployed. */
    FAILED,
    /**
     * Not tried: the Kubernetes API is failing (creation paused), too many creations are in
     * flight, or no time was left before the webhook timeout. Nothing is being deployed.
     */
    SKIPPED,
    /**
     * Not created now (the API busy, paused or unavailable) but queued: connectgate creates it
     * in the background once the API answers, if the ConfigMap still holds this content.
     */
    QUEUED;

    /** Metric and log label. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
