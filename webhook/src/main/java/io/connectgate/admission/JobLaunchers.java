package io.connectgate.admission;

import java.util.function.Consumer;

/**
 * How {@code serve --deploy-jobs} assembles its launcher: the API's launcher behind a
 * {@link JobCallGuard} and, when it can read ConfigMaps ({@link ConfigMapCheck}), a
 * {@link DeferredJobs} backlog for what the API cannot take during an admission.
 *
 * @param launcher what {@link DeployOnAdmission} calls
 * @param backlog the backlog, or null when {@code api} cannot check ConfigMaps
 * @param resources closes the backlog, then the guard and the API launcher
 */
public record JobLaunchers(JobLauncher launcher, DeferredJobs backlog, AutoCloseable resources) {

  public static JobLaunchers assemble(JobLauncher api, JobCallGuard.Limits limits, DeferredJobs.Settings settings,
      Consumer<String> deferredOutcomes) {
    JobCallGuard guard = new JobCallGuard(api, limits);
    if (!(api instanceof ConfigMapCheck check)) {
      return new JobLaunchers(guard, null, guard);
    }
    DeferredJobs backlog = new DeferredJobs(guard, check, settings, deferredOutcomes);
    return new JobLaunchers(backlog.launcher(guard), backlog, () -> {
      backlog.close();
      guard.close();
    });
  }
}
