package io.connectgate.kube;

import io.connectgate.deploy.CleanupCluster;
import io.connectgate.deploy.CleanupKeys;
import io.connectgate.deploy.CleanupState;
import io.connectgate.deploy.DeleteJobRequest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link CleanupCluster} through Fabric8. The cleanup view comes from the deploy informer's
 * reduced store; finalizer writes read the live ConfigMap and patch with its resourceVersion
 * (a conflict throws and the work queue retries), so no other finalizer is ever lost. RBAC:
 * configmaps get/patch and jobs create, which the deploy controller has already.
 */
final class KubeCleanupCluster implements CleanupCluster {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  // Backoff timers only; daemon: never keeps the JVM up. Adding to a closed queue is a no-op.
  private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "connectgate-cleanup-backoff");
    t.setDaemon(true);
    return t;
  });

  private final KubernetesClient client;
  private final DeployInformers informers;
  private final DeleteJobBuilder jobs;
  private final BiConsumer<String, String> requeue;

  KubeCleanupCluster(KubernetesClient client, DeployInformers informers, DeleteJobBuilder jobs,
      BiConsumer<String, String> requeue) {
    this.client = client;
    this.informers = informers;
    this.jobs = jobs;
    this.requeue = requeue;
  }

  @Override
  public Optional<CleanupState> state(String namespace, String name) {
    return informers.reduced(namespace, name).map(CleanupView::state);
  }

  @Override
  public void addFinalizer(String namespace, String name, String uid) {
    ConfigMap live = live(namespace, name, uid);
    if (live == null || live.getMetadata().getDeletionTimestamp() != null) return;
    List<String> finalizers = new ArrayList<>(finalizersOf(live));
    if (finalizers.contains(CleanupKeys.FINALIZER)) return;
    finalizers.add(CleanupKeys.FINALIZER);
    patch(live, finalizers, null);
  }

  @Override
  public void writeCleanup(String namespace, String name, String uid, String cleanupStatus, boolean release) {
    ConfigMap live = live(namespace, name, uid);
    if (live == null) return;
    List<String> finalizers = null;
    if (release) {
      finalizers = new ArrayList<>(finalizersOf(live));
      finalizers.remove(CleanupKeys.FINALIZER);
    }
    patch(live, finalizers, cleanupStatus);
  }

  @Override
  public boolean releaseUnmanaged(String namespace, String name) {
    ConfigMap live = client.configMaps().inNamespace(namespace).withName(name).get();
    if (live == null || !finalizersOf(live).contains(CleanupKeys.FINALIZER)) return false;
    var labels = live.getMetadata().getLabels();
    if (labels != null && "true".equals(labels.get(io.connectgate.deploy.DeployKeys.DEPLOY_LABEL))) {
      return false; // still managed: the cache will bring it
    }
    List<String> finalizers = new ArrayList<>(finalizersOf(live));
    finalizers.remove(CleanupKeys.FINALIZER);
    patch(live, finalizers, null);
    return true;
  }

  @Override
  public void createDeleteJob(DeleteJobRequest request) {
    try {
      client.batch().v1().jobs().inNamespace(request.namespace()).resource(jobs.build(request)).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) throw e;
    }
  }

  @Override
  public void requeueAfter(String namespace, String name, Duration delay) {
    TIMERS.schedule(() -> requeue.accept(namespace, name), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private ConfigMap live(String namespace, String name, String uid) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    return cm != null && uid.equals(cm.getMetadata().getUid()) ? cm : null;
  }

  private static List<String> finalizersOf(ConfigMap cm) {
    return cm.getMetadata().getFinalizers() == null ? List.of() : cm.getMetadata().getFinalizers();
  }

  private void patch(ConfigMap live, List<String> finalizers, String cleanupStatus) {
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode meta = patch.putObject("metadata");
    meta.put("resourceVersion", live.getMetadata().getResourceVersion());
    if (finalizers != null) {
      ArrayNode list = meta.putArray("finalizers");
      finalizers.forEach(list::add);
    }
    if (cleanupStatus != null) {
      meta.putObject("annotations").put(CleanupKeys.CLEANUP_STATUS_ANNOTATION, cleanupStatus);
    }
    client.configMaps().inNamespace(live.getMetadata().getNamespace()).withName(live.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
  }
}
