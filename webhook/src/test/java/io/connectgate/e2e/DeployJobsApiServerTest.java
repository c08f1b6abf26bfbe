package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConfigMapCheck;
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
 * context), re-creating the same content is a 409 reported as existing, and the re-read that
 * guards a queued Job tells the admitted ConfigMap from a changed or deleted one. (The control
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

  @Test
  void aQueuedJobIsCurrentOnlyWhileItsConfigMapHoldsTheAdmittedUidAndContent() {
    String ns = TestNamespaces.create(client, "deploy-jobs", null);
    ConfigMap stored = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("cm").withNamespace(ns).endMetadata()
        .addToData("c.json", "{\"name\":\"r\",\"config\":{\"tasks.max\":\"1\"}}")
        .build()).create();
    String uid = stored.getMetadata().getUid();
    DeployJob admitted = new DeployJob(ns, "cm", uid, "c.json", stored.getData().get("c.json"),
        "http://connect.kafka.svc:8083");
    try (DeployJobs jobs = DeployJobs.connect(client.getConfiguration(), JobTemplate.builtIn(), "connectgate:0.1.0", BOUND)) {
      assertEquals(ConfigMapCheck.State.CURRENT, jobs.check(admitted), "expected the stored ConfigMap to match");
      assertEquals(ConfigMapCheck.State.DIFFERS, jobs.check(new DeployJob(ns, "cm", "another-uid", "c.json",
          admitted.content(), admitted.connectUrl())), "expected another uid (a replaced ConfigMap) to differ");

      client.configMaps().inNamespace(ns).withName("cm").edit(cm -> {
        cm.getData().put("c.json", "{\"name\":\"r\",\"config\":{\"tasks.max\":\"2\"}}");
        return cm;
      });
      assertEquals(ConfigMapCheck.State.DIFFERS, jobs.check(admitted), "expected changed content to differ");

      client.configMaps().inNamespace(ns).withName("cm").delete();
      awaitGone(ns);
      assertEquals(ConfigMapCheck.State.DIFFERS, jobs.check(admitted), "expected a deleted ConfigMap to differ");
    }
  }

  private void awaitGone(String ns) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (client.configMaps().inNamespace(ns).withName("cm").get() != null && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
