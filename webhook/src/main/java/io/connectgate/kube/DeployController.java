package io.connectgate.kube;

import io.connectgate.deploy.ConnectorCheck;
import io.connectgate.deploy.DeployEvent;
import io.connectgate.deploy.DeployReconciler;
import io.connectgate.deploy.DeploySettings;
import io.connectgate.deploy.EntryHashes;
import io.connectgate.deploy.WorkQueue;
import io.connectgate.admission.Failures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy controller of {@code serve --deploy-jobs}: every replica takes part in leader
 * election on a {@code coordination.k8s.io/v1} Lease (Fabric8's LeaderElector); only the
 * leader runs the informers and the reconciler. On losing the Lease it stops them and stands
 * for election again. Admission never depends on any of this.
 */
public final class DeployController implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeployController.class);
  static final Duration SYNC_TIMEOUT = Duration.ofMinutes(5);

  /**
   * @param namespaces watched namespaces; empty: the whole cluster
   * @param identity this replica's name in the Lease (the pod name)
   */
  public record Settings(DeploySettings deploy, List<String> namespaces, String leaseNamespace, String leaseName,
      String identity, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod, Duration resync,
      int workers) {
    public Settings {
      namespaces = List.copyOf(namespaces);
    }
  }

  private final KubernetesClient client;
  private final JobBuilder jobs;
  private final ConnectorCheck check;
  private final Settings settings;
  private final Clock clock;
  // One thread: starting and stopping the leader's work never overlap.
  private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "connectgate-deploy-leadership");
    t.setDaemon(true);
    return t;
  });
  private final Consumer<DeployEvent> observer;
  private volatile CompletableFuture<?> election;
  private volatile Leading leading;
  private volatile boolean closed;

  private DeployController(KubernetesClient client, JobBuilder jobs, ConnectorCheck check, Settings settings,
      Clock clock, Consumer<DeployEvent> observer) {
    this.observer = observer;
    this.client = client;
    this.jobs = jobs;
    this.check = check;
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts standing for election; the client is closed with the controller. */
  public static DeployController start(KubernetesClient client, JobBuilder jobs, ConnectorCheck check,
      Settings settings, Clock clock) {
    return start(client, jobs, check, settings, clock, e -> {});
  }

  /** As above; {@code observer} sees each Event the controller creates (metrics). */
  public static DeployController start(KubernetesClient client, JobBuilder jobs, ConnectorCheck check,
      Settings settings, Clock clock, Consumer<DeployEvent> observer) {
    DeployController controller = new DeployController(client, jobs, check, settings, clock, observer);
    controller.stand();
    return controller;
  }

  public boolean isLeader() {
    return leading != null;
  }

  private synchronized void stand() {
    if (closed) return;
    var config = new LeaderElectionConfigBuilder()
        .withName(settings.leaseName())
        .withLock(new LeaseLock(settings.leaseNamespace(), settings.leaseName(), settings.identity()))
        .withLeaseDuration(settings.leaseDuration())
        .withRenewDeadline(settings.renewDeadline())
        .withRetryPeriod(settings.retryPeriod())
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(
            () -> lifecycle.execute(this::lead),
            () -> lifecycle.execute(this::follow),
            leader -> LOG.info("deploy controller: leader is {}", leader)))
        .build();
    election = client.leaderElector().withConfig(config).build().start();
    election.whenComplete((ignored, failure) -> {
      if (!closed) {
        LOG.info("deploy controller: not leading; standing for election again");
        try {
          lifecycle.execute(this::stand);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
          // closed meanwhile: nothing to stand for
        }
      }
    });
  }

  private void lead() {
    if (closed || leading != null) return;
    long started = System.nanoTime();
    DeployInformers informers = null;
    WorkQueue queue = null;
    try {
      // The queue needs the reconciler, which needs the informers, which feed the queue.
      CompletableFuture<DeployReconciler> reconciler = new CompletableFuture<>();
      queue = new WorkQueue(settings.workers(), key -> reconciler.join().reconcile(key.namespace(), key.name()));
      informers = new DeployInformers(client, settings.namespaces(), new EntryHashes(settings.deploy()),
          settings.resync(), queue::add);
      KubeDeployCluster cluster = new KubeDeployCluster(client, informers, jobs, settings.identity(), clock,
          observer);
      WorkQueue work = queue;
      // Connector cleanup (#16): ConfigMaps labelled connectgate.io/delete-with-configmap=true.
      var cleanup = new io.connectgate.deploy.ConnectorCleanup(cluster, new KubeCleanupCluster(client, informers,
          new DeleteJobBuilder(jobs.image()), (ns, name) -> work.add(new WorkQueue.Key(ns, name))),
          settings.deploy(), clock, check);
      reconciler.complete(new DeployReconciler(cluster, check, settings.deploy(), cleanup));
      informers.start(SYNC_TIMEOUT);
      leading = new Leading(informers, queue);
      LOG.info("deploy controller: leading (Lease {}/{}); {} labelled ConfigMap(s) listed in {} ms",
          settings.leaseNamespace(), settings.leaseName(), informers.configMapCount(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (Exception e) {
      LOG.error("deploy controller: cannot start the informers: {}", Failures.describe(e));
      if (informers != null) informers.close();
      if (queue != null) queue.close();
      // Give up the Lease so that another replica (or this one, later) tries.
      CompletableFuture<?> current = election;
      if (current != null) current.cancel(true);
    }
  }

  private void follow() {
    Leading was = leading;
    leading = null;
    if (was != null) {
      was.close();
      LOG.info("deploy controller: stopped leading");
    }
  }

  /** Keys waiting or being reconciled (0 when not leading). */
  public int backlog() {
    Leading l = leading;
    return l == null ? 0 : l.queue().size();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
    }
    CompletableFuture<?> current = election;
    if (current != null) {
      current.cancel(true); // releases the Lease (releaseOnCancel): a follower takes over at once
    }
    lifecycle.execute(this::follow);
    lifecycle.shutdown();
    try {
      if (!lifecycle.awaitTermination(10, TimeUnit.SECONDS)) {
        lifecycle.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }

  private record Leading(DeployInformers informers, WorkQueue queue) implements AutoCloseable {
    @Override
    public void close() {
      informers.close();
      queue.close();
    }
  }
}
