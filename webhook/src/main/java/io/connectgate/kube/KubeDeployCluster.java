package io.connectgate.kube;

import io.connectgate.deploy.ConfigMapContent;
import io.connectgate.deploy.DeployCluster;
import io.connectgate.deploy.DeployEvent;
import io.connectgate.deploy.DeployKeys;
import io.connectgate.deploy.JobNaming;
import io.connectgate.deploy.JobRequest;
import io.connectgate.deploy.OwnedJob;
import io.connectgate.deploy.StoredConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link DeployCluster} through Fabric8: cached views from {@link DeployInformers}, the rest as
 * API calls. RBAC needed: configmaps get/list/watch/patch, jobs get/list/watch/create/delete,
 * pods list, events create.
 */
final class KubeDeployCluster implements DeployCluster {

  static final String COMPONENT = "connectgate-deploy-controller";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KubernetesClient client;
  private final DeployInformers informers;
  private final JobBuilder jobs;
  private final String identity;
  private final Clock clock;
  private final Consumer<DeployEvent> observer;

  KubeDeployCluster(KubernetesClient client, DeployInformers informers, JobBuilder jobs, String identity, Clock clock,
      Consumer<DeployEvent> observer) {
    this.observer = observer;
    this.client = client;
    this.informers = informers;
    this.jobs = jobs;
    this.identity = identity;
    this.clock = clock;
  }

  @Override
  public Optional<StoredConfigMap> cached(String namespace, String name) {
    return informers.configMap(namespace, name);
  }

  @Override
  public List<OwnedJob> cachedJobs(String namespace, String configMapName, String configMapUid) {
    return informers.jobsOf(namespace, configMapUid);
  }

  @Override
  public List<OwnedJob> liveJobs(String namespace, String configMapName, String configMapUid) {
    return client.batch().v1().jobs().inNamespace(namespace)
        .withLabel(JobBuilder.MANAGED_BY, "connectgate")
        .withLabel(JobBuilder.CONFIGMAP_LABEL, JobNaming.labelValue(configMapName))
        .list().getItems().stream()
        .filter(j -> j.getMetadata().getOwnerReferences() != null && j.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> configMapUid.equals(o.getUid())))
        .filter(j -> j.getMetadata().getDeletionTimestamp() == null)
        .map(j -> DeployInformers.owned(namespace, j, configMapUid)).flatMap(Optional::stream).toList();
  }

  @Override
  public Optional<ConfigMapContent> read(String namespace, String name) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    if (cm == null) return Optional.empty();
    var meta = cm.getMetadata();
    return Optional.of(new ConfigMapContent(namespace, name, meta.getUid(), meta.getLabels(), meta.getAnnotations(),
        cm.getData()));
  }

  @Override
  public void createJob(JobRequest request) {
    Job job = jobs.build(request);
    try {
      client.batch().v1().jobs().inNamespace(request.namespace()).resource(job).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) throw e; // 409: this content's Job exists (made by an earlier pass or leader)
    }
  }

  @Override
  public void deleteJob(String namespace, String name) {
    client.batch().v1().jobs().inNamespace(namespace).withName(name)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  @Override
  public String terminationMessage(String namespace, String jobName) {
    String hash = jobName.substring(jobName.lastIndexOf('-') + 1);
    List<Pod> pods = client.pods().inNamespace(namespace)
        .withLabel(JobBuilder.MANAGED_BY, "connectgate").withLabel(JobBuilder.HASH_LABEL, hash)
        .list().getItems();
    return pods.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
        .flatMap(p -> p.getStatus().getContainerStatuses().stream())
        .map(ContainerStatus::getState)
        .filter(s -> s != null && s.getTerminated() != null && s.getTerminated().getMessage() != null
            && !s.getTerminated().getMessage().isBlank())
        .max(Comparator.comparing(s -> Objects.toString(s.getTerminated().getFinishedAt(), "")))
        .map(s -> s.getTerminated().getMessage())
        .orElse("");
  }

  @Override
  public boolean writeStatus(String namespace, String name, String resourceVersion, String status) {
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode meta = patch.putObject("metadata");
    meta.put("resourceVersion", resourceVersion); // a conflict (409) retries on the newer version
    meta.putObject("annotations").put(DeployKeys.STATUS_ANNOTATION, status);
    try {
      client.configMaps().inNamespace(namespace).withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 422) throw e;
      return false; // invalid: the annotations would exceed their limit; retrying cannot help
    }
  }

  @Override
  public void event(DeployEvent e) {
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    String base = e.configMapName().length() > 200 ? e.configMapName().substring(0, 200) : e.configMapName();
    // One name per (ConfigMap, content, reason): reported again after a restart, it meets 409.
    String name = base + "." + e.hash() + "." + e.reason().toLowerCase(Locale.ROOT);
    try {
      client.v1().events().inNamespace(e.namespace()).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(e.namespace()).endMetadata()
          .withNewInvolvedObject().withApiVersion("v1").withKind("ConfigMap").withNamespace(e.namespace())
          .withName(e.configMapName()).withUid(e.configMapUid()).endInvolvedObject()
          .withType(e.type().name()).withReason(e.reason()).withMessage(e.message())
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent("connectgate.io/deploy-controller").withReportingInstance(identity)
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .build()).create();
      observer.accept(e); // once per fact: a repeat meets 409 below
    } catch (KubernetesClientException ex) {
      if (ex.getCode() != 409) throw ex;
    }
  }

}
