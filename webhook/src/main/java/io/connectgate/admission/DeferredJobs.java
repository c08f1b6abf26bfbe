package io.connectgate.admission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy Jobs that could not be created during their admission (the Kubernetes API busy,
 * paused or unavailable), created in the background once the API answers: a burst of annotated
 * ConfigMaps, or an apply during an API outage, still deploys every connector, even when
 * nothing re-applies the ConfigMap (a GitOps controller sees no drift and never does).
 *
 * <p>Right before creating a Job, the {@link ConfigMapCheck} confirms that the ConfigMap
 * exists with the admitted uid and content; once the admission is older than
 * {@link Settings#settle} and it still differs, the entry is dropped as superseded: no late
 * Job for a ConfigMap that was never stored or is deleted, nor for content replaced since
 * (the newer content has its own Job, whichever replica admitted it). Per ConfigMap data entry
 * only the newest admission waits. Entries wait at most {@link Settings#maxAge}; the backlog
 * holds at most {@link Settings#capacity} (beyond it the admission answers "not created,
 * re-apply"). The backlog is in memory: what is still queued when the process stops is logged.
 */
public final class DeferredJobs implements AutoCloseable {

  /**
   * @param capacity entries the backlog holds
   * @param maxAge how long an entry may wait before it is dropped (expired)
   * @param settle how long after its admission a ConfigMap that {@link ConfigMapCheck.State#DIFFERS}
   *     may still be on its way to being stored (the API server stores it after every webhook
   *     has answered, and a webhook may take up to 30 s); only after that is the entry superseded
   * @param bound longest one background Job creation may take
   * @param workers background threads creating Jobs
   */
  public record Settings(int capacity, Duration maxAge, Duration settle, Duration bound, int workers) {
    public static final Settings DEFAULTS =
        new Settings(10_000, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofSeconds(10), 2);
  }

  /** Outcomes of deferred entries, the metric labels. */
  public static final List<String> OUTCOMES = List.of("created", "existing", "superseded", "expired", "failed");

  private static final Logger LOG = LoggerFactory.getLogger(DeferredJobs.class);
  private static final long RETRY_FLOOR_NANOS = Duration.ofMillis(500).toNanos();
  private static final long RETRY_CEILING_NANOS = Duration.ofSeconds(30).toNanos();

  private record Key(String namespace, String configMap, String dataKey) {
    static Key of(DeployJob job) {
      return new Key(job.namespace(), job.configMapName(), job.dataKey());
    }
  }

  private record Entry(DeployJob job, long since, long notBefore, int attempts) {}

  private final JobLauncher launcher;
  private final ConfigMapCheck check;
  private final Settings settings;
  private final Consumer<String> outcomes;
  private final LongSupplier nanoTime;
  private final List<Thread> workers = new ArrayList<>();

  // Guarded by this.
  private final LinkedHashMap<Key, Entry> waiting = new LinkedHashMap<>();
  private boolean closed;
  /** Some entries wait out a backoff: the next Job the API takes ends it for all of them. */
  private boolean backingOff;

  /**
   * @param launcher creates the Jobs (the {@link JobCallGuard}, so background creations count
   *     in its limits and respect its pause)
   * @param outcomes told each entry's outcome, one of {@link #OUTCOMES}
   */
  public DeferredJobs(JobLauncher launcher, ConfigMapCheck check, Settings settings, Consumer<String> outcomes) {
    this(launcher, check, settings, outcomes, System::nanoTime, true);
  }

  DeferredJobs(JobLauncher launcher, ConfigMapCheck check, Settings settings, Consumer<String> outcomes,
      LongSupplier nanoTime, boolean startWorkers) {
    this.launcher = launcher;
    this.check = check;
    this.settings = settings;
    this.outcomes = outcomes;
    this.nanoTime = nanoTime;
    if (startWorkers) {
      AtomicInteger n = new AtomicInteger();
      for (int i = 0; i < settings.workers(); i++) {
        Thread t = new Thread(this::work, "connectgate-deferred-jobs-" + n.incrementAndGet());
        t.setDaemon(true);
        workers.add(t);
        t.start();
      }
    }
  }

  /** Queues the job (replacing an older one for the same data entry); false when full or closed. */
  public synchronized boolean defer(DeployJob job) {
    Key key = Key.of(job);
    if (closed || (!waiting.containsKey(key) && waiting.size() >= settings.capacity())) {
      return false;
    }
    waiting.remove(key); // to the back: the newest admission waits its turn
    long now = nanoTime.getAsLong();
    // First tried a moment later: the API server stores the object only after the answer.
    waiting.put(key, new Entry(job, now, now + RETRY_FLOOR_NANOS, 0));
    notifyAll();
    return true;
  }

  /**
   * The launcher for admissions: tries {@code guarded} (the {@link JobCallGuard}) and queues
   * what the API could not take now (skipped by the guard, or failed for the API's
   * unavailability), answering {@link JobLaunch.Result#QUEUED}; a Job created or found during
   * an admission drops an older queued one for the same data entry.
   */
  public JobLauncher launcher(JobLauncher guarded) {
    return new JobLauncher() {
      @Override
      public JobLaunch launch(DeployJob job, Duration bound) {
        JobLaunch launch = guarded.launch(job, bound);
        switch (launch.result()) {
          case CREATED, EXISTING -> {
            settled(job);
            apiAnswered();
          }
          case SKIPPED, FAILED -> {
            if (launch.result() == JobLaunch.Result.SKIPPED || launch.apiUnavailable()) {
              return queuedOr(launch, job);
            }
          }
          default -> { }
        }
        return launch;
      }

      @Override
      public JobLaunch notNow(DeployJob job, String reason) {
        return queuedOr(guarded.notNow(job, reason), job);
      }
    };
  }

  /** QUEUED with the launch's reason when the job could be queued, else the launch itself. */
  private JobLaunch queuedOr(JobLaunch launch, DeployJob job) {
    return defer(job)
        ? new JobLaunch(launch.dataKey(), launch.jobName(), JobLaunch.Result.QUEUED, launch.detail(),
            launch.apiUnavailable())
        : launch;
  }

  /** A Job for this data entry was created or found during an admission: an older queued one is dropped. */
  public synchronized void settled(DeployJob job) {
    waiting.remove(Key.of(job));
  }

  public synchronized int size() {
    return waiting.size();
  }

  /**
   * Takes the first entry that is due and handles it; returns false when none is due (the
   * workers then wait). Package-private so tests can drive it without threads.
   */
  boolean processOne() {
    Entry entry;
    synchronized (this) {
      entry = takeDue();
      if (entry == null) {
        return false;
      }
    }
    handle(entry);
    return true;
  }

  private Entry takeDue() {
    long now = nanoTime.getAsLong();
    for (Iterator<Map.Entry<Key, Entry>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
      Entry e = it.next().getValue();
      if (e.notBefore() - now <= 0) {
        it.remove();
        return e;
      }
    }
    return null;
  }

  private void handle(Entry entry) {
    DeployJob job = entry.job();
    if (nanoTime.getAsLong() - entry.since() > settings.maxAge().toNanos()) {
      LOG.warn("deferred deploy Job for {} dropped: not created within {} (the Kubernetes API did not answer);"
          + " re-apply the ConfigMap to retry", job, settings.maxAge());
      outcomes.accept("expired");
      return;
    }
    ConfigMapCheck.State state;
    try {
      state = check.check(job);
    } catch (RuntimeException e) {
      state = ConfigMapCheck.State.UNKNOWN;
    }
    if (state == ConfigMapCheck.State.DIFFERS
        && nanoTime.getAsLong() - entry.since() > settings.settle().toNanos()) {
      LOG.info("deferred deploy Job for {} dropped: the ConfigMap is gone or holds other content now", job);
      outcomes.accept("superseded");
      return;
    }
    if (state != ConfigMapCheck.State.CURRENT) {
      retryLater(entry);
      return;
    }
    JobLaunch launch;
    try {
      launch = launcher.launch(job, settings.bound());
    } catch (RuntimeException e) {
      LOG.error("deferred deploy Job for {} failed: {}", job, Failures.describe(e));
      outcomes.accept("failed");
      return;
    }
    switch (launch.result()) {
      case CREATED, EXISTING -> {
        LOG.info("deferred deploy Job {} for {}: {} after {} attempt(s)", launch.jobName(), job,
            launch.result().label(), entry.attempts() + 1);
        outcomes.accept(launch.result().label());
        apiAnswered();
      }
      case FAILED -> {
        if (launch.apiUnavailable()) {
          retryLater(entry);
        } else if (Thread.currentThread().isInterrupted()) {
          LOG.warn("stopping: deferred deploy Job for {} not created; re-apply the ConfigMap", job);
        } else {
          LOG.warn("deferred deploy Job for {} refused by the Kubernetes API ({}); re-apply the ConfigMap"
              + " once fixed", job, launch.detail());
          outcomes.accept("failed");
        }
      }
      default -> retryLater(entry); // SKIPPED or QUEUED: the guard is busy or paused
    }
  }

  private synchronized void retryLater(Entry entry) {
    Key key = Key.of(entry.job());
    if (closed || waiting.containsKey(key)) {
      return; // a newer admission for the same entry is queued: it replaces this one
    }
    int attempts = entry.attempts() + 1;
    long delay = Math.min(RETRY_CEILING_NANOS, RETRY_FLOOR_NANOS << Math.min(attempts - 1, 6));
    waiting.put(key, new Entry(entry.job(), entry.since(), nanoTime.getAsLong() + delay, attempts));
    backingOff = true;
    notifyAll();
  }

  /**
   * The API took a Job: the entries backing off after its failures are due now, rather than
   * after up to 30 s more, so the backlog of an outage drains as soon as the API is back.
   */
  private synchronized void apiAnswered() {
    if (!backingOff) {
      return;
    }
    backingOff = false;
    long now = nanoTime.getAsLong();
    waiting.replaceAll((key, e) -> e.notBefore() - now > 0 ? new Entry(e.job(), e.since(), now, e.attempts()) : e);
    notifyAll();
  }

  private void work() {
    while (true) {
      try {
        if (!processOne() && !awaitWork()) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("deferred deploy Jobs: {}", Failures.describe(e));
      }
    }
  }

  /** Waits until an entry may be due; false once closed. */
  private synchronized boolean awaitWork() throws InterruptedException {
    if (closed) {
      return false;
    }
    long now = nanoTime.getAsLong();
    long wait = RETRY_CEILING_NANOS;
    for (Entry e : waiting.values()) {
      wait = Math.min(wait, Math.max(0, e.notBefore() - now));
    }
    if (wait > 0) {
      wait(Math.max(1, wait / 1_000_000));
    }
    return !closed;
  }

  @Override
  public void close() {
    List<DeployJob> lost;
    synchronized (this) {
      closed = true;
      lost = waiting.values().stream().map(Entry::job).toList();
      waiting.clear();
      notifyAll();
    }
    workers.forEach(Thread::interrupt);
    if (!lost.isEmpty()) {
      LOG.warn("stopping with {} deferred deploy Job(s) not created; re-apply these ConfigMaps: {}", lost.size(),
          lost.stream().limit(20).map(j -> j.namespace() + "/" + j.configMapName() + " data[" + j.dataKey() + "]")
              .toList());
    }
  }
}
