package io.connectgate.e2e;

import static io.connectgate.e2e.ConnectorConfigMaps.DATA_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy-on-admission as users meet it: {@code serve --deploy-jobs --kubeconfig ...} registered
 * as the webhooks of a real kube-apiserver, and an annotated ConfigMap created and updated
 * through the API server. The Job is created by connectgate's own client (from the kubeconfig)
 * during the validating call, owned by the object the API server then stores. (No
 * controller-manager runs here: the Job's pod never starts.)
 */
@ControlPlaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployOnAdmissionEndToEndTest {

  private static final String CONNECT_URL = "http://connect.kafka.svc:8083";

  private final ControlPlane plane;
  private final KubernetesClient client;
  private ConnectgateInCluster connectgate;
  private String ns;

  DeployOnAdmissionEndToEndTest(ControlPlane plane) {
    this.plane = plane;
    this.client = plane.client();
  }

  @BeforeAll
  void startConnectgate(@TempDir Path dir) {
    connectgate = ConnectgateInCluster.start(plane, dir, "deploy", "--deploy-jobs", "--connect-url", CONNECT_URL,
        "--kubeconfig", plane.kubeconfig().toString());
    ns = connectgate.namespace();
  }

  @AfterAll
  void stopConnectgate() {
    if (connectgate != null) {
      connectgate.close();
    }
  }

  @Test
  void anAnnotatedConfigMapGetsOneJobPerContentOwnedByTheStoredObject() {
    ConfigMap configMap = ConnectorConfigMaps.connector(ns, "replicator", ConnectorConfigMaps.replicator());
    configMap.getMetadata().setAnnotations(Map.of("connectgate.io/deploy", "true"));
    ConfigMap stored = client.configMaps().inNamespace(ns).resource(configMap).create();

    List<Job> jobs = jobs();
    assertEquals(1, jobs.size(), "expected one Job created during the admission: " + names(jobs));
    Job job = jobs.get(0);
    assertEquals(stored.getMetadata().getUid(), job.getMetadata().getOwnerReferences().get(0).getUid(),
        "expected the stored ConfigMap (the uid the API server gave the validating webhook) to own the Job");
    assertEquals(DATA_KEY, job.getMetadata().getAnnotations().get("connectgate.io/data-key"),
        "expected the Job to name its data entry");
    assertTrue(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().contains(CONNECT_URL),
        "expected the Job aimed at --connect-url: " + job.getSpec().getTemplate().getSpec().getContainers());

    // An update that leaves the connector alone: the same content, so the same Job (409, existing).
    client.configMaps().inNamespace(ns).withName("replicator").edit(c -> {
      c.getMetadata().getLabels().put("team", "replication");
      return c;
    });
    assertEquals(names(jobs), names(jobs()), "expected no new Job for unchanged content");

    // Another content: another Job.
    client.configMaps().inNamespace(ns).withName("replicator").edit(c -> {
      c.getData().put(DATA_KEY, c.getData().get(DATA_KEY).replace("\"tasks.max\": \"1\"", "\"tasks.max\": \"2\""));
      return c;
    });
    List<Job> after = jobs();
    assertEquals(2, after.size(), "expected a second Job for the changed connector: " + names(after));
    assertNotEquals(after.get(0).getMetadata().getName(), after.get(1).getMetadata().getName(),
        "expected the Jobs named by their content");
  }

  private List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace(ns).list().getItems();
  }

  private static List<String> names(List<Job> jobs) {
    return jobs.stream().map(j -> j.getMetadata().getName()).sorted().toList();
  }
}
