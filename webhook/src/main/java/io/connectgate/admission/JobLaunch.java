package io.connectgate.admission;

/**
 * What became of one {@link DeployJob}.
 *
 * @param jobName the Job's name (deterministic: the same content always gets the same name)
 * @param detail for {@link Result#FAILED} a short reason safe to show the user (no content);
 *     for {@link Result#EXISTING} a note on the earlier Job (e.g. that it failed), or empty
 */
public record JobLaunch(String dataKey, String jobName, Result result, String detail) {

  public enum Result {
    /** A new Job was created. */
    CREATED,
    /** A Job for exactly this content already exists (409 AlreadyExists): deployed before. */
    EXISTING,
    /** The API call failed or did not answer in time; nothing is being deployed. */
    FAILED;

    /** Metric and log label. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
