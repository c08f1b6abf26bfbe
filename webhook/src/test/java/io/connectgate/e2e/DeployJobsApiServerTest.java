package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DeployJob;
import io.connectgate.admission.JobLaunch;
import io.connectgate.kube.DeployJobs;
import io.connectgate.kube.JobTemplate;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The deploy Jobs as a real kube-apiserver sees them: the built-in template and the curl
 * replacement pass the API server's own validation (names, labels, ownerReference, security
 * context), and re-creating the same content is a 409 reported as existing. (The control
 * plane runs no controller-manager: no pod starts and no garbage collector runs here.)
 */
@ControlPlaneTest
class DeployJobsApiServerTest {

  private static final Duration BOUND = Duration.ofSeconds(10);

  private final KubernetesClient client;

  DeployJobsApiServerTest(ControlPlane plane) {
    this.client = plane.client();
  }

  @Test
  void theApiServerAcceptsTheBuiltInJobOwnedByTheStoredConfigMap() {
    String ns = TestNamespaces.create(client, "deploy-jobs", null);
    ConfigMap stored = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("replicator.connector").withNamespace(ns).endMetadata()
        .addToData("replicator-connector.json", "{\"name\":\"r\",\"config\":{\"connector.class\":\"X\"}}")
        .build()).create();
    DeployJob request = new DeployJob(ns, "replicator.connector", stored.getMetadata().getUid(),
        "replicator-connector.json", stored.getData().get("replicator-connector.json"), "http://connect.kafka.svc:8083");

    try (DeployJobs jobs = DeployJobs.connect(client.getConfiguration(), JobTemplate.builtIn(), "connectgate:0.1.0", BOUND)) {
      JobLaunch first = jobs.launch(request, BOUND);
      assertEquals(JobLaunch.Result.CREATED, first.result(), "expected the API server to accept the Job: " + first);
      JobLaunch again = jobs.launch(request, BOUND);
      assertEquals(JobLaunch.Result.EXISTING, again.result(), "expected the same content to meet 409: " + again);

      Job job = client.batch().v1().jobs().inNamespace(ns).withName(first.jobName()).get();
      assertEquals(stored.getMetadata().getUid(), job.getMetadata().getOwnerReferences().get(0).getUid(),
          "expected the stored ConfigMap as the Job's owner");
      assertTrue(first.jobName().startsWith("replicator-connector-deploy-"), "expected dots turned to dashes: " + first.jobName());
      assertEquals(Boolean.TRUE, job.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
          .getReadOnlyRootFilesystem(), "expected the security context kept by the API server");
    }
  }

  @Test
  void theApiServerAcceptsTheCurlReplacementTemplate() throws Exception {
    String ns = TestNamespaces.create(client, "deploy-jobs", null);
    Path template = Path.of("").toAbsolutePath().getParent().resolve("deploy/job-templates/curl-job.yaml");
    assertTrue(Files.exists(template), "expected the example template at " + template);
    DeployJob request = new DeployJob(ns, "cm", "6f1c2d7e-0000-4000-8000-000000000001", "c.json", "{}",
        "http://connect.kafka.svc:8083");
    try (DeployJobs jobs = DeployJobs.connect(client.getConfiguration(), JobTemplate.fromFile(template), "unused", BOUND)) {
      JobLaunch launch = jobs.launch(request, BOUND);
      assertEquals(JobLaunch.Result.CREATED, launch.result(), "expected the curl Job accepted: " + launch);
    }
  }
}
