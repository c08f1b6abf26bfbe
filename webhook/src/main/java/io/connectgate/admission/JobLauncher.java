package io.connectgate.admission;

import java.time.Duration;

/**
 * Creates deploy Jobs (the Kubernetes side lives in {@code io.connectgate.kube}). Called on a
 * worker thread, never on the event loop; blocks at most {@code bound} and never throws: a
 * failure is a {@link JobLaunch.Result#FAILED} launch.
 */
@FunctionalInterface
public interface JobLauncher {

  JobLaunch launch(DeployJob job, Duration bound);

  /**
   * The job cannot be tried during this admission (no time left before the timeout):
   * {@link JobLaunch.Result#SKIPPED} unless this launcher can create it later.
   */
  default JobLaunch notNow(DeployJob job, String reason) {
    return new JobLaunch(job.dataKey(), "", JobLaunch.Result.SKIPPED, reason);
  }
}
