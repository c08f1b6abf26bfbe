package io.connectgate.admission;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps deploy-on-admission from holding up reviews when the Kubernetes API is slow or down.
 * A Job creation holds its review's worker thread while it waits (up to its bound, 2 s); with
 * no limit, a burst of annotated ConfigMaps against a slow API fills the worker pool and every
 * review, annotated or not, queues behind them towards the API server's webhook timeout.
 *
 * <p>Two limits, both answering at once with {@link JobLaunch.Result#SKIPPED} (the ConfigMap
 * is still admitted, with a warning to re-apply; nothing is created behind the user's back
 * later):
 * <ul>
 *   <li>a bulkhead: at most {@link Limits#maxInFlight} creations wait on the API at a time;
 *   <li>a pause: after {@link Limits#failuresToPause} creations in a row failed because the API
 *       was unavailable ({@link JobLaunch#apiUnavailable}), creation pauses for
 *       {@link Limits#pauseFor}; then one creation goes through as a probe while the others
 *       are still skipped: if it succeeds creation resumes, if it fails the pause starts over.
 * </ul>
 * An API that answers, even with a refusal (403, 422), resets the count: it is up, and pausing
 * would not change its answer.
 */
public final class JobCallGuard implements JobLauncher, AutoCloseable {

  /**
   * @param maxInFlight creations that may wait on the API at the same time
   * @param failuresToPause consecutive unavailable-API failures that pause creation
   * @param pauseFor how long creation pauses before a probe is let through
   */
  public record Limits(int maxInFlight, int failuresToPause, Duration pauseFor) {
    public static final int FAILURES_TO_PAUSE = 3;
    public static final Duration PAUSE = Duration.ofSeconds(5);

    public Limits {
      if (maxInFlight < 1 || failuresToPause < 1 || pauseFor.isNegative() || pauseFor.isZero()) {
        throw new IllegalArgumentException("limits must be positive: " + maxInFlight + ", " + failuresToPause
            + ", " + pauseFor);
      }
    }

    /** The given bulkhead with the documented pause: 3 failures in a row, 5 s. */
    public static Limits of(int maxInFlight) {
      return new Limits(maxInFlight, FAILURES_TO_PAUSE, PAUSE);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(JobCallGuard.class);

  private final JobLauncher delegate;
  private final Limits limits;
  private final LongSupplier nanoTime;
  private final Semaphore slots;

  // Guarded by this.
  private int failures;
  private boolean paused;
  private long pausedUntil;
  private boolean probing;

  public JobCallGuard(JobLauncher delegate, Limits limits) {
    this(delegate, limits, System::nanoTime);
  }

  JobCallGuard(JobLauncher delegate, Limits limits, LongSupplier nanoTime) {
    this.delegate = delegate;
    this.limits = limits;
    this.nanoTime = nanoTime;
    this.slots = new Semaphore(limits.maxInFlight());
  }

  @Override
  public JobLaunch launch(DeployJob job, Duration bound) {
    boolean probe = false;
    synchronized (this) {
      if (paused) {
        if (probing || nanoTime.getAsLong() - pausedUntil < 0) {
          return skipped(job, "paused after " + failures + " API failures in a row");
        }
        probing = true;
        probe = true;
      }
    }
    if (!slots.tryAcquire()) {
      if (probe) {
        synchronized (this) {
          probing = false;
        }
      }
      return skipped(job, "API busy, " + limits.maxInFlight() + " Job calls waiting");
    }
    JobLaunch launch = null;
    try {
      launch = delegate.launch(job, bound);
      return launch;
    } finally {
      slots.release();
      record(launch, probe);
    }
  }

  /** Whether creation is paused now (for tests and diagnostics). */
  public synchronized boolean paused() {
    return paused;
  }

  private synchronized void record(JobLaunch launch, boolean probe) {
    if (probe) {
      probing = false;
    }
    if (launch == null || launch.result() == JobLaunch.Result.SKIPPED) {
      return; // the delegate threw or did not try: nothing learnt about the API
    }
    if (launch.apiUnavailable()) {
      failures++;
      if (paused || failures >= limits.failuresToPause()) {
        if (!paused) {
          LOG.warn("deploy Jobs: {} Job creations in a row found the Kubernetes API unavailable;"
              + " pausing Job creation for {} ms (ConfigMaps are admitted with a warning meanwhile)",
              failures, limits.pauseFor().toMillis());
        }
        paused = true;
        pausedUntil = nanoTime.getAsLong() + limits.pauseFor().toNanos();
      }
      return;
    }
    if (paused) {
      LOG.info("deploy Jobs: the Kubernetes API answers again; Job creation resumed");
    }
    failures = 0;
    paused = false;
  }

  private static JobLaunch skipped(DeployJob job, String why) {
    return new JobLaunch(job.dataKey(), "", JobLaunch.Result.SKIPPED, why); // not tried: nothing learnt
  }

  @Override
  public void close() throws Exception {
    if (delegate instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
