package io.connectgate.kube;

import io.connectgate.deploy.JobNaming;
import io.connectgate.deploy.JobRequest;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deploy Job of one connector entry: the template rendered, then its identity enforced
 * whatever the template says: name ({@link JobNaming}), namespace (the ConfigMap's), labels,
 * and one ownerReference to the stored ConfigMap, so the Job goes with it. {@code controller}
 * and {@code blockOwnerDeletion} are false: the ConfigMap controls nothing, and
 * blockOwnerDeletion would need update rights on {@code configmaps/finalizers}. When the
 * template leaves them out, backoffLimit, ttlSecondsAfterFinished, activeDeadlineSeconds and
 * restartPolicy get safe defaults.
 */
public final class JobBuilder {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String CONFIGMAP_LABEL = "connectgate.io/configmap";
  public static final String HASH_LABEL = "connectgate.io/content-hash";
  public static final String DATA_KEY_ANNOTATION = "connectgate.io/data-key";

  static final int DEFAULT_BACKOFF_LIMIT = 3;
  static final long DEFAULT_TTL_SECONDS = 3600;
  static final long DEFAULT_ACTIVE_DEADLINE_SECONDS = 900;

  private final JobTemplate template;
  private final String image;

  public JobBuilder(JobTemplate template, String image) {
    this.template = template;
    this.image = image;
  }

  /** {@code --job-image}: also the image of connector cleanup's delete Jobs. */
  public String image() {
    return image;
  }

  public String templateSource() {
    return template.source();
  }

  public Job build(JobRequest request) {
    String hash = request.hash();
    String name = JobNaming.name(request.configMapName(), hash);
    Map<String, String> values = Map.of(
        "JOB_NAME", name,
        "NAMESPACE", request.namespace(),
        "CONFIGMAP", request.configMapName(),
        "CONNECTOR_KEY", request.dataKey(),
        "CONNECT_URL", request.connectUrl(),
        "IMAGE", image,
        "CONTENT_HASH", hash);
    Job job = template.render(values);
    Map<String, String> labels = Map.of(
        MANAGED_BY, "connectgate",
        CONFIGMAP_LABEL, JobNaming.labelValue(request.configMapName()),
        HASH_LABEL, hash);

    ObjectMeta meta = job.getMetadata() == null ? new ObjectMeta() : job.getMetadata();
    meta.setName(name);
    meta.setGenerateName(null);
    meta.setNamespace(request.namespace());
    meta.setLabels(merged(meta.getLabels(), labels));
    meta.setAnnotations(merged(meta.getAnnotations(), Map.of(DATA_KEY_ANNOTATION, request.dataKey())));
    meta.setOwnerReferences(List.of(owner(request)));
    job.setMetadata(meta);

    JobSpec spec = job.getSpec();
    if (spec.getBackoffLimit() == null) {
      spec.setBackoffLimit(DEFAULT_BACKOFF_LIMIT);
    }
    if (spec.getTtlSecondsAfterFinished() == null) {
      spec.setTtlSecondsAfterFinished((int) DEFAULT_TTL_SECONDS);
    }
    if (spec.getActiveDeadlineSeconds() == null) {
      spec.setActiveDeadlineSeconds(DEFAULT_ACTIVE_DEADLINE_SECONDS);
    }
    PodTemplateSpec pod = spec.getTemplate();
    ObjectMeta podMeta = pod.getMetadata() == null ? new ObjectMeta() : pod.getMetadata();
    podMeta.setLabels(merged(podMeta.getLabels(), labels));
    pod.setMetadata(podMeta);
    if (pod.getSpec().getRestartPolicy() == null) {
      pod.getSpec().setRestartPolicy("Never");
    }
    return job;
  }

  private static OwnerReference owner(JobRequest request) {
    return new OwnerReferenceBuilder()
        .withApiVersion("v1")
        .withKind("ConfigMap")
        .withName(request.configMapName())
        .withUid(request.configMapUid())
        .withController(false)
        .withBlockOwnerDeletion(false)
        .build();
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> ours) {
    Map<String, String> out = new LinkedHashMap<>(base == null ? Map.of() : base);
    out.putAll(ours);
    return out;
  }
}
