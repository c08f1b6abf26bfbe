package io.connectgate.kube;

import io.connectgate.admission.ConfigMapCheck;
import io.connectgate.admission.DeployJob;
import io.connectgate.admission.JobLaunch;
import io.connectgate.admission.JobLauncher;
import io.connectgate.deploy.JobRequest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates deploy Jobs through the Kubernetes API. Each creation is bounded by the caller's
 * budget: the call runs on a small pool of our own and is abandoned (interrupted) when the
 * budget runs out, so a slow or unreachable API server costs the admission at most that.
 *
 * <p>Whatever the template says, connectgate sets the identity of the Job: its name (see
 * {@link JobNames}), namespace (the ConfigMap's), its labels, and one ownerReference to the
 * ConfigMap (uid known to the validating webhook on CREATE already), so the Job is deleted
 * with the ConfigMap, and by the garbage collector if the ConfigMap is never stored.
 * {@code controller} and {@code blockOwnerDeletion} are false: the ConfigMap controls
 * nothing, and blockOwnerDeletion would need update rights on {@code configmaps/finalizers}.
 * When the template leaves them out, backoffLimit, ttlSecondsAfterFinished,
 * activeDeadlineSeconds and restartPolicy get safe defaults.
 */
public final class DeployJobs implements JobLauncher, ConfigMapCheck, AutoCloseable {

  public static final String MANAGED_BY = JobBuilder.MANAGED_BY;
  public static final String CONFIGMAP_LABEL = JobBuilder.CONFIGMAP_LABEL;
  public static final String HASH_LABEL = JobBuilder.HASH_LABEL;
  public static final String DATA_KEY_ANNOTATION = JobBuilder.DATA_KEY_ANNOTATION;

  static final int DEFAULT_BACKOFF_LIMIT = JobBuilder.DEFAULT_BACKOFF_LIMIT;
  static final long DEFAULT_TTL_SECONDS = JobBuilder.DEFAULT_TTL_SECONDS;
  static final long DEFAULT_ACTIVE_DEADLINE_SECONDS = JobBuilder.DEFAULT_ACTIVE_DEADLINE_SECONDS;

  private static final Logger LOG = LoggerFactory.getLogger(DeployJobs.class);

  private final KubernetesClient client;
  private final JobTemplate template;
  private final JobBuilder builder;
  private final ExecutorService calls;
  private final boolean ownsClient;

  public DeployJobs(KubernetesClient client, JobTemplate template, String image) {
    this(client, template, image, false);
  }

  private DeployJobs(KubernetesClient client, JobTemplate template, String image, boolean ownsClient) {
    this.client = client;
    this.template = template;
    this.builder = new JobBuilder(template, image);
    this.ownsClient = ownsClient;
    AtomicInteger n = new AtomicInteger();
    this.calls = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "connectgate-deploy-jobs-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * A client from a kubeconfig file (and context) when given, else as kubectl finds it (the
   * pod's service account in a cluster; {@link ClusterConnection#config}), with short timeouts
   * and no retries: the admission waits for it, and the API server's own webhook timeout is a
   * few seconds.
   */
  public static DeployJobs connect(Path kubeconfig, String context, JobTemplate template, String image,
      Duration requestTimeout) throws IOException {
    return connect(ClusterConnection.config(kubeconfig, context), template, image, requestTimeout);
  }

  /** As {@link #connect(Path, String, JobTemplate, String, Duration)}, from a given client configuration. */
  public static DeployJobs connect(Config base, JobTemplate template, String image, Duration requestTimeout) {
    Config config = new ConfigBuilder(base)
        .withRequestTimeout((int) requestTimeout.toMillis())
        .withConnectionTimeout((int) requestTimeout.toMillis())
        .withRequestRetryBackoffLimit(0)
        .build();
    return new DeployJobs(new KubernetesClientBuilder().withConfig(config).build(), template, image, true);
  }

  @Override
  public JobLaunch launch(DeployJob request, Duration bound) {
    Job job;
    try {
      job = build(request);
    } catch (RuntimeException e) {
      LOG.error("cannot render the deploy Job from the {} for {}: {}", template.source(), request, e.toString());
      return new JobLaunch(request.dataKey(), "", JobLaunch.Result.FAILED, "the Job template does not render");
    }
    String name = job.getMetadata().getName();
    Future<JobLaunch> call = calls.submit(() -> create(request, job));
    try {
      return call.get(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      LOG.warn("creating deploy Job {}/{} did not finish within {} ms", request.namespace(), name, bound.toMillis());
      return new JobLaunch(request.dataKey(), name, JobLaunch.Result.FAILED,
          "no API answer in " + bound.toMillis() + " ms", true);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return new JobLaunch(request.dataKey(), name, JobLaunch.Result.FAILED, "interrupted");
    } catch (ExecutionException e) {
      return failed(request, name, e.getCause());
    }
  }

  private JobLaunch create(DeployJob request, Job job) {
    String name = job.getMetadata().getName();
    var jobs = client.batch().v1().jobs().inNamespace(request.namespace());
    try {
      jobs.resource(job).create();
      LOG.info("created deploy Job {}/{} for data[{}] of ConfigMap {} -> {}", request.namespace(), name,
          request.dataKey(), request.configMapName(), request.connectUrl());
      return new JobLaunch(request.dataKey(), name, JobLaunch.Result.CREATED, "");
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    // 409: a Job of this name, so for exactly this content, exists. Say so if it failed:
    // re-applying the same content will not start another one.
    String note = "";
    try {
      Job existing = jobs.withName(name).get();
      if (existing != null && failed(existing)) {
        note = "failed earlier; delete it to retry";
      }
    } catch (KubernetesClientException e) {
      LOG.debug("cannot read existing Job {}/{}: HTTP {}", request.namespace(), name, e.getCode());
    }
    LOG.info("deploy Job {}/{} exists already (same content){}", request.namespace(), name,
        note.isEmpty() ? "" : "; it failed");
    return new JobLaunch(request.dataKey(), name, JobLaunch.Result.EXISTING, note);
  }

  /**
   * For a Job created after its admission (queued while the API was busy or down): reads the
   * ConfigMap (RBAC: {@code get configmaps} in the Job namespaces) and compares uid and entry.
   */
  @Override
  public State check(DeployJob job) {
    ConfigMap current;
    try {
      current = client.configMaps().inNamespace(job.namespace()).withName(job.configMapName()).get();
    } catch (KubernetesClientException e) {
      // 403 is RBAC (get configmaps missing): the entry waits, then expires, rather than risk
      // deploying content that is no longer the ConfigMap's.
      LOG.warn("cannot read ConfigMap {}/{} before creating its queued deploy Job: {}", job.namespace(),
          job.configMapName(), e.getCode() > 0 ? "API HTTP " + e.getCode() : "API server unreachable");
      return State.UNKNOWN;
    }
    if (current == null || current.getMetadata() == null
        || !job.configMapUid().equals(current.getMetadata().getUid())) {
      return State.DIFFERS;
    }
    String entry = current.getData() == null ? null : current.getData().get(job.dataKey());
    return job.content().equals(entry) ? State.CURRENT : State.DIFFERS;
  }

  private static boolean failed(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return false;
    }
    for (JobCondition c : job.getStatus().getConditions()) {
      if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
        return true;
      }
    }
    return false;
  }

  private JobLaunch failed(DeployJob request, String name, Throwable cause) {
    String reason;
    boolean unavailable;
    if (cause instanceof KubernetesClientException k && k.getCode() > 0) {
      reason = "API HTTP " + k.getCode()
          + (k.getStatus() != null && k.getStatus().getReason() != null ? " " + k.getStatus().getReason() : "");
      unavailable = k.getCode() >= 500 || k.getCode() == 429; // overloaded or broken, not a refusal
    } else {
      reason = "API server unreachable";
      unavailable = true;
    }
    // The exception's message may quote the Job spec; the type and the code are enough.
    LOG.warn("creating deploy Job {}/{} failed: {} ({})", request.namespace(), name, reason,
        cause == null ? "?" : cause.getClass().getName());
    return new JobLaunch(request.dataKey(), name, JobLaunch.Result.FAILED, reason, unavailable);
  }

  /** The Job for one connector entry: the template rendered, its identity enforced. */
  Job build(DeployJob request) {
    return builder.build(new JobRequest(request.namespace(), request.configMapName(), request.configMapUid(),
        request.dataKey(), JobNames.contentHash(request), request.connectUrl()));
  }

  @Override
  public void close() {
    calls.shutdownNow();
    if (ownsClient) {
      client.close();
    }
  }
}
