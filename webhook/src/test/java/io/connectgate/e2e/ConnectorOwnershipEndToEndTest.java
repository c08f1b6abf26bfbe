package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One owner per connector through the API server: serve with {@code --deploy-jobs} (its owner
 * index on the real API) registered as the webhook; a labelled ConfigMap in a second namespace
 * that declares the connector a first one owns is denied, naming the owner.
 */
@ControlPlaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorOwnershipEndToEndTest {

  private static final String CONNECT_URL = "http://connect.kafka.svc:8083";

  private final ControlPlane plane;
  private final KubernetesClient client;
  private ConnectgateInCluster connectgate;

  ConnectorOwnershipEndToEndTest(ControlPlane plane) {
    this.plane = plane;
    this.client = plane.client();
  }

  @BeforeAll
  void startConnectgateWithTheController(@TempDir Path dir) {
    String leaseNs = TestNamespaces.create(client, "ownership-lease", null);
    connectgate = ConnectgateInCluster.start(plane, dir, "ownership", "--deploy-jobs", "--connect-url", CONNECT_URL,
        "--kubeconfig", plane.kubeconfig().toString(), "--lease-namespace", leaseNs,
        "--lease-name", "connectgate-ownership-e2e");
  }

  @AfterAll
  void stopConnectgate() {
    if (connectgate != null) connectgate.close();
  }

  private static ConfigMap labelled(String ns, String name, String connector) {
    ConfigMap cm = ConnectorConfigMaps.connector(ns, connector, ConnectorConfigMaps.replicator());
    cm.getMetadata().setName(name);
    cm.getMetadata().getLabels().put("connectgate.io/deploy", "true");
    return cm;
  }

  @Test
  void aSecondNamespaceCannotTakeAnOwnedConnector() {
    String teamA = connectgate.namespace();
    String teamB = TestNamespaces.create(client, "ownership-b", connectgate.instance());
    client.configMaps().inNamespace(teamA).resource(labelled(teamA, "orders", "orders-sink")).create();

    // The index learns of the owner through its watch: bounded wait for the first denial.
    String message = awaitDenied(teamB, labelled(teamB, "steal", "orders-sink"));
    assertTrue(message.contains("belongs to ConfigMap " + teamA + "/orders"),
        "expected the owner's namespace/ConfigMap in the denial: " + message);

    // The owner itself may still change; another name, or an unlabelled ConfigMap, is free.
    client.configMaps().inNamespace(teamA).withName("orders").edit(c -> {
      c.getMetadata().getLabels().put("team", "a");
      return c;
    });
    client.configMaps().inNamespace(teamB).resource(labelled(teamB, "payments", "payments-sink")).create();
    ConfigMap unlabelled = labelled(teamB, "copy", "orders-sink");
    unlabelled.getMetadata().getLabels().remove("connectgate.io/deploy");
    client.configMaps().inNamespace(teamB).resource(unlabelled).create();
    assertNotNull(client.configMaps().inNamespace(teamB).withName("payments").get());

    // Once the owner is gone, the name is free again.
    client.configMaps().inNamespace(teamA).withName("orders").delete();
    awaitAdmitted(teamB, labelled(teamB, "steal", "orders-sink"));
  }

  private String awaitDenied(String ns, ConfigMap cm) {
    String[] denial = new String[1];
    Poll.until(ns + "/" + cm.getMetadata().getName() + " to be denied", Duration.ofSeconds(30), Duration.ofMillis(100),
        () -> {
          try {
            client.configMaps().inNamespace(ns).resource(cm).dryRun().create();
            return "admitted (dry run)";
          } catch (KubernetesClientException e) {
            if (e.getMessage() != null && e.getMessage().contains("belongs to ConfigMap")) {
              denial[0] = e.getMessage();
              return null;
            }
            throw e;
          }
        });
    return denial[0];
  }

  private void awaitAdmitted(String ns, ConfigMap cm) {
    Poll.until(ns + "/" + cm.getMetadata().getName() + " admitted once the owner was gone", Duration.ofSeconds(30),
        Duration.ofMillis(100), () -> {
          try {
            client.configMaps().inNamespace(ns).resource(cm).create();
            return null;
          } catch (KubernetesClientException e) {
            if (e.getMessage() == null || !e.getMessage().contains("belongs to ConfigMap")) throw e;
            return "still denied: " + e.getMessage();
          }
        });
  }
}
