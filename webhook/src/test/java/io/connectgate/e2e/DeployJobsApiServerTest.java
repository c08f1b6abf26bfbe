package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.deploy.EntryHash;
import io.connectgate.deploy.JobRequest;
import io.connectgate.kube.JobBuilder;
import io.connectgate.kube.JobTemplate;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The deploy controller's Jobs as a real kube-apiserver sees them: the built-in template and
 * the curl replacement pass the API server's own validation (names, labels, ownerReference,
 * security context), and creating the same content twice meets 409, which the controller reads
 * as "already there". (The control plane runs no controller-manager: no pod starts and no
 * garbage collector runs here.)
 */
@ControlPlaneTest
class DeployJobsApiServerTest {

  private final KubernetesClient client;

  DeployJobsApiServerTest(ControlPlane plane) {
    this.client = plane.client();
  }

  private static JobRequest request(String ns, ConfigMap stored, String key, String url) {
    String content = stored.getData().get(key);
    return new JobRequest(ns, stored.getMetadata().getName(), stored.getMetadata().getUid(), key,
        EntryHash.of(key, content, url), url);
  }

  @Test
  void theApiServerAcceptsTheBuiltInJobOwnedByTheStoredConfigMap() {
    String ns = TestNamespaces.create(client, "deploy-jobs", null);
    ConfigMap stored = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("replicator.connector").withNamespace(ns).endMetadata()
        .addToData("replicator-connector.json", "{\"name\":\"r\",\"config\":{\"connector.class\":\"X\"}}")
        .build()).create();
    JobRequest request = request(ns, stored, "replicator-connector.json", "http://connect.kafka.svc:8083");
    JobBuilder builder = new JobBuilder(JobTemplate.builtIn(), "connectgate:0.1.0");

    client.batch().v1().jobs().inNamespace(ns).resource(builder.build(request)).create();
    KubernetesClientException again = assertThrows(KubernetesClientException.class,
        () -> client.batch().v1().jobs().inNamespace(ns).resource(builder.build(request)).create(),
        "expected the same content to meet 409");
    assertEquals(409, again.getCode(), "expected 409 AlreadyExists: " + again.getCode());

    Job job = client.batch().v1().jobs().inNamespace(ns).withName(request.jobName()).get();
    assertEquals(stored.getMetadata().getUid(), job.getMetadata().getOwnerReferences().get(0).getUid(),
        "expected the stored ConfigMap as the Job's owner");
    assertTrue(request.jobName().startsWith("replicator-connector-deploy-"),
        "expected dots turned to dashes: " + request.jobName());
    assertEquals(Boolean.TRUE, job.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
        .getReadOnlyRootFilesystem(), "expected the security context kept by the API server");
  }

  @Test
  void theApiServerAcceptsTheCurlReplacementTemplate() throws Exception {
    String ns = TestNamespaces.create(client, "deploy-jobs", null);
    Path template = Path.of("").toAbsolutePath().getParent().resolve("deploy/job-templates/curl-job.yaml");
    assertTrue(Files.exists(template), "expected the example template at " + template);
    ConfigMap stored = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("cm").withNamespace(ns).endMetadata().addToData("c.json", "{}").build()).create();
    JobRequest request = request(ns, stored, "c.json", "http://connect.kafka.svc:8083");
    Job created = client.batch().v1().jobs().inNamespace(ns)
        .resource(new JobBuilder(JobTemplate.fromFile(template), "unused").build(request)).create();
    assertEquals(request.jobName(), created.getMetadata().getName(), "expected the curl Job accepted under its name");
  }
}
