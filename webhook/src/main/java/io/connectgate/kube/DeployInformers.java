package io.connectgate.kube;

import io.connectgate.deploy.DeployKeys;
import io.connectgate.deploy.EntryHashes;
import io.connectgate.deploy.OwnedJob;
import io.connectgate.deploy.StoredConfigMap;
import io.connectgate.deploy.WorkQueue;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's two informers (per watched namespace, or one each over the whole cluster):
 * ConfigMaps selected on the server side by {@value DeployKeys#SELECTOR} (stored reduced,
 * {@link ConnectorSummaryStore}) and the Jobs connectgate manages (Fabric8's
 * {@link ReducedStateItemStore}: labels, annotations, owners and status only). Every change
 * queues the ConfigMap concerned; a resync queues all of them again.
 */
final class DeployInformers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeployInformers.class);
  static final String OWNER_INDEX = "connectgate-owner-uid";

  private final List<SharedIndexInformer<ConfigMap>> configMaps = new ArrayList<>();
  private final List<SharedIndexInformer<Job>> jobs = new ArrayList<>();
  private final List<String> namespaces;

  /**
   * @param namespaces the namespaces to watch; empty: all
   */
  DeployInformers(KubernetesClient client, List<String> namespaces, EntryHashes hashes, Duration resync,
      Consumer<WorkQueue.Key> queue) {
    this.namespaces = List.copyOf(namespaces);
    ResourceEventHandler<ConfigMap> onConfigMap = handler(cm -> queue.accept(key(cm)));
    ResourceEventHandler<Job> onJob = handler(job -> owner(job).ifPresent(queue));
    for (String ns : this.namespaces.isEmpty() ? java.util.Collections.<String>singletonList(null) : this.namespaces) {
      var cms = ns == null ? client.configMaps().inAnyNamespace() : client.configMaps().inNamespace(ns);
      SharedIndexInformer<ConfigMap> cmInformer = cms.withLabel(DeployKeys.DEPLOY_LABEL, "true")
          .runnableInformer(resync.toMillis());
      cmInformer.itemStore(new ConnectorSummaryStore(hashes));
      cmInformer.addEventHandler(onConfigMap);
      configMaps.add(cmInformer);

      var js = ns == null ? client.batch().v1().jobs().inAnyNamespace() : client.batch().v1().jobs().inNamespace(ns);
      SharedIndexInformer<Job> jobInformer = js.withLabel(JobBuilder.MANAGED_BY, "connectgate").runnableInformer(0);
      jobInformer.itemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, Job.class,
          client.getKubernetesSerialization(), "metadata.labels", "metadata.annotations", "metadata.ownerReferences",
          "status.conditions"));
      jobInformer.addIndexers(Map.of(OWNER_INDEX, job -> job.getMetadata().getOwnerReferences() == null ? List.of()
          : job.getMetadata().getOwnerReferences().stream().map(OwnerReference::getUid).toList()));
      jobInformer.addEventHandler(onJob);
      jobs.add(jobInformer);
    }
  }

  /** Starts every informer and waits until each has listed once. */
  void start(Duration timeout) throws Exception {
    List<CompletableFuture<Void>> started = new ArrayList<>();
    // Jobs first: the first ConfigMap passes then see the Jobs that exist.
    jobs.forEach(i -> started.add(i.start().toCompletableFuture()));
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    started.clear();
    configMaps.forEach(i -> started.add(i.start().toCompletableFuture()));
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean watches(String namespace) {
    return namespaces.isEmpty() || namespaces.contains(namespace);
  }

  Optional<StoredConfigMap> configMap(String namespace, String name) {
    return reduced(namespace, name).map(ConnectorSummaryStore::view);
  }

  /** The cached, reduced ConfigMap ({@link ConnectorSummaryStore}). */
  Optional<ConfigMap> reduced(String namespace, String name) {
    SharedIndexInformer<ConfigMap> informer = pick(configMaps, namespace);
    if (informer == null) return Optional.empty();
    return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
  }

  List<OwnedJob> jobsOf(String namespace, String configMapUid) {
    SharedIndexInformer<Job> informer = pick(jobs, namespace);
    if (informer == null) return List.of();
    return informer.getIndexer().byIndex(OWNER_INDEX, configMapUid).stream()
        .map(job -> owned(namespace, job, configMapUid)).flatMap(Optional::stream).toList();
  }

  int configMapCount() {
    return configMaps.stream().mapToInt(i -> i.getStore().list().size()).sum();
  }

  private <T> SharedIndexInformer<T> pick(List<SharedIndexInformer<T>> informers, String namespace) {
    if (namespaces.isEmpty()) return informers.get(0);
    int i = namespaces.indexOf(namespace);
    return i < 0 ? null : informers.get(i);
  }

  /** A Job as the reconciler sees it; empty when it is not a deploy Job of {@code configMapUid}. */
  static Optional<OwnedJob> owned(String namespace, Job job, String configMapUid) {
    var meta = job.getMetadata();
    String key = meta.getAnnotations() == null ? null : meta.getAnnotations().get(JobBuilder.DATA_KEY_ANNOTATION);
    String hash = meta.getLabels() == null ? null : meta.getLabels().get(JobBuilder.HASH_LABEL);
    if (key == null || hash == null) return Optional.empty();
    return Optional.of(new OwnedJob(namespace, meta.getName(), configMapUid, key, hash, state(job)));
  }

  static OwnedJob.State state(Job job) {
    if (job.getStatus() != null && job.getStatus().getConditions() != null) {
      for (JobCondition c : job.getStatus().getConditions()) {
        if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) return OwnedJob.State.SUCCEEDED;
        if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) return OwnedJob.State.FAILED;
      }
    }
    return OwnedJob.State.ACTIVE;
  }

  private static WorkQueue.Key key(HasMetadata o) {
    return new WorkQueue.Key(o.getMetadata().getNamespace(), o.getMetadata().getName());
  }

  private static Optional<WorkQueue.Key> owner(Job job) {
    if (job.getMetadata().getOwnerReferences() == null) return Optional.empty();
    return job.getMetadata().getOwnerReferences().stream()
        .filter(o -> "ConfigMap".equals(o.getKind()) && "v1".equals(o.getApiVersion())).findFirst()
        .map(o -> new WorkQueue.Key(job.getMetadata().getNamespace(), o.getName()));
  }

  private static <T> ResourceEventHandler<T> handler(Consumer<T> changed) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        changed.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        changed.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        changed.accept(obj);
      }
    };
  }

  @Override
  public void close() {
    configMaps.forEach(SharedIndexInformer::stop);
    jobs.forEach(SharedIndexInformer::stop);
    LOG.debug("deploy informers stopped");
  }
}
