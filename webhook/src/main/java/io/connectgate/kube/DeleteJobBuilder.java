package io.connectgate.kube;

import io.connectgate.deploy.DeleteJobRequest;
import io.connectgate.deploy.JobNaming;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;

/**
 * The delete Job of connector cleanup: {@code deploy --delete --connect-url URL} with the
 * connector's name in {@code CONNECTGATE_CONNECTOR}
 * in the image of the deploy Jobs, with the same security settings as the built-in deploy Job
 * and the same labels (so the controller's Job informer and termination-message lookup see it),
 * plus {@value #KIND_LABEL}{@code =delete}. It mounts nothing: the connector is named on the
 * command line, so it works for entries no longer in the ConfigMap too. Owned by the ConfigMap,
 * it goes with it once the finalizer is released.
 */
final class DeleteJobBuilder {

  static final String KIND_LABEL = "connectgate.io/job-kind";
  static final int BACKOFF_LIMIT = 2;
  static final String CONNECTOR_ENV = "CONNECTGATE_CONNECTOR";

  private final String image;

  DeleteJobBuilder(String image) {
    this.image = image;
  }

  Job build(DeleteJobRequest r) {
    Map<String, String> labels = Map.of(
        io.connectgate.kube.JobBuilder.MANAGED_BY, "connectgate",
        io.connectgate.kube.JobBuilder.CONFIGMAP_LABEL, JobNaming.labelValue(r.configMapName()),
        io.connectgate.kube.JobBuilder.HASH_LABEL, r.hash(),
        KIND_LABEL, "delete");
    return new JobBuilder()
        .withNewMetadata().withName(r.jobName()).withNamespace(r.namespace()).withLabels(labels)
        .withAnnotations(Map.of(io.connectgate.kube.JobBuilder.DATA_KEY_ANNOTATION, r.dataKey(),
            "connectgate.io/connector", r.connector()))
        .addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName(r.configMapName())
        .withUid(r.configMapUid()).withController(false).withBlockOwnerDeletion(false).endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(BACKOFF_LIMIT).withActiveDeadlineSeconds(600L).withTtlSecondsAfterFinished(3600)
        .withNewTemplate()
        .withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never").withAutomountServiceAccountToken(false).withEnableServiceLinks(false)
        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(65532L).withRunAsGroup(65532L)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .addNewContainer()
        .withName("delete").withImage(image).withTerminationMessagePolicy("FallbackToLogsOnError")
        // The name through the environment (CONNECTGATE_CONNECTOR, deploy's --connector), never
        // parsed as an argument: a name that looks like an option stays a name.
        .withArgs(List.of("deploy", "--delete", "--connect-url", r.connectUrl(), "--timeout", "120s"))
        .addNewEnv().withName(CONNECTOR_ENV).withValue(r.connector()).endEnv()
        .addNewEnv().withName("JAVA_TOOL_OPTIONS").withValue("-XX:MaxRAMPercentage=70 -XX:-UsePerfData").endEnv()
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("128Mi")))
        .withLimits(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi")))
        .endResources()
        .withNewSecurityContext().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true).withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .endContainer()
        .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("16Mi")).endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
