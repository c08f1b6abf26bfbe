package io.connectgate.deploy;

import io.connectgate.admission.Failures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ConfigMaps waiting to be reconciled, as client-go's work queue: a key is queued at most once,
 * never handled by two workers at once (added while handled, it runs again afterwards), and a
 * failed pass is retried after an exponential back-off (1 s doubling to 60 s). Losing it loses
 * nothing: the informers' initial list and resyncs queue every ConfigMap again.
 */
public final class WorkQueue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

  /** A ConfigMap: namespace and name. */
  public record Key(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  private final Consumer<Key> handler;
  private final Duration firstRetry;
  private final Duration maxRetry;
  private final Set<Key> waiting = new LinkedHashSet<>();
  private final Set<Key> active = new HashSet<>();
  private final Set<Key> again = new HashSet<>();
  private final Map<Key, Integer> failures = new HashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private final ScheduledExecutorService retries;
  private boolean closed;

  public WorkQueue(int workers, Consumer<Key> handler) {
    this(workers, handler, Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  WorkQueue(int workerCount, Consumer<Key> handler, Duration firstRetry, Duration maxRetry) {
    this.handler = handler;
    this.firstRetry = firstRetry;
    this.maxRetry = maxRetry;
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "connectgate-deploy-retry");
      t.setDaemon(true);
      return t;
    });
    for (int i = 1; i <= workerCount; i++) {
      Thread t = new Thread(this::work, "connectgate-deploy-worker-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  public synchronized void add(Key key) {
    if (closed) return;
    if (active.contains(key)) {
      again.add(key);
    } else if (waiting.add(key)) {
      notifyAll();
    }
  }

  /** Keys waiting or being handled. */
  public synchronized int size() {
    return waiting.size() + active.size();
  }

  private void work() {
    while (true) {
      Key key;
      synchronized (this) {
        while (waiting.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) return;
        Iterator<Key> first = waiting.iterator();
        key = first.next();
        first.remove();
        active.add(key);
      }
      boolean ok = handle(key);
      synchronized (this) {
        active.remove(key);
        if (ok) {
          failures.remove(key);
        }
        if (again.remove(key) && !closed) {
          waiting.add(key);
          notifyAll();
        }
        if (!ok && !closed) {
          int n = failures.merge(key, 1, Integer::sum);
          long delay = Math.min(maxRetry.toMillis(), firstRetry.toMillis() << Math.min(n - 1, 16));
          retries.schedule(() -> add(key), delay, TimeUnit.MILLISECONDS);
        }
      }
    }
  }

  private boolean handle(Key key) {
    try {
      handler.accept(key);
      return true;
    } catch (RuntimeException e) {
      // API failures are expected (the API server restarting, RBAC missing): type and code only.
      LOG.warn("deploy: reconciling ConfigMap {} failed, retried later: {}", key, e.getClass().getSimpleName()
          + (e.getCause() != null ? " (" + e.getCause().getClass().getSimpleName() + ")" : ""));
      LOG.debug("deploy: reconcile failure of {}: {}", key, Failures.describe(e));
      return false;
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      waiting.clear();
      notifyAll();
    }
    retries.shutdownNow();
    for (Thread t : workers) {
      t.interrupt();
    }
  }
}
