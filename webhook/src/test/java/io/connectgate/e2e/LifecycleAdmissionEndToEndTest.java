package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16 through the API server and the registered webhook: a ConfigMap stored under a
 * lenient policy stays deletable once the policy denies its content. connectgate's finalizer
 * may still be added and removed, and a ConfigMap being deleted can lose its finalizer, while
 * any other change of it is denied.
 */
@ControlPlaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleAdmissionEndToEndTest {

  private static final String FINALIZER = "connectgate.io/connector-cleanup";
  private static final Duration RELOAD = Duration.ofSeconds(15);

  private final ControlPlane plane;
  private final KubernetesClient client;
  private ConnectgateInCluster connectgate;
  private Path policy;
  private Path dir;

  LifecycleAdmissionEndToEndTest(ControlPlane plane) {
    this.plane = plane;
    this.client = plane.client();
  }

  @BeforeAll
  void startConnectgateWithAWarningPolicy(@TempDir Path dir) {
    this.dir = dir;
    policy = dir.resolve("connectorpolicy.yaml");
    writePolicy("warn");
    connectgate = ConnectgateInCluster.start(plane, dir, "lifecycle",
        "--policy", policy.toString(), "--policy-poll-interval", "200ms");
  }

  @AfterAll
  void stopConnectgate() {
    if (connectgate != null) connectgate.close();
  }

  @Test
  void aConfigMapThePolicyNowDeniesCanStillLoseItsFinalizerAndBeDeleted() {
    String ns = connectgate.namespace();
    ConfigMap cm = ConnectorConfigMaps.connector(ns, "wide", ConnectorConfigMaps.replicator(Map.of("tasks.max", "4")));
    cm.getMetadata().setFinalizers(List.of(FINALIZER));
    client.configMaps().inNamespace(ns).resource(cm).create(); // maxTasks only warns yet

    writePolicy("deny");
    awaitReload();
    KubernetesClientException denied = assertThrows(KubernetesClientException.class, () ->
        client.configMaps().inNamespace(ns).withName("wide").edit(c -> {
          c.getMetadata().getLabels().put("team", "a");
          return c;
        }), "expected any other change of the now-refused ConfigMap denied");
    assertTrue(denied.getMessage().contains("maxTasks"), denied.getMessage());

    // The controller's finalizer, removed and added again: never reviewed.
    client.configMaps().inNamespace(ns).withName("wide").edit(c -> {
      c.getMetadata().setFinalizers(List.of());
      return c;
    });
    client.configMaps().inNamespace(ns).withName("wide").edit(c -> {
      c.getMetadata().setFinalizers(new ArrayList<>(List.of(FINALIZER)));
      return c;
    });

    client.configMaps().inNamespace(ns).withName("wide").delete();
    ConfigMap terminating = client.configMaps().inNamespace(ns).withName("wide").get();
    assertNotNull(terminating.getMetadata().getDeletionTimestamp(), "expected the finalizer to hold it");
    client.configMaps().inNamespace(ns).withName("wide").edit(c -> {
      c.getMetadata().setFinalizers(List.of());
      return c;
    });
    assertNull(client.configMaps().inNamespace(ns).withName("wide").get(),
        "expected the ConfigMap gone once its finalizer was removed, whatever the policy says now");
  }

  private void writePolicy(String action) {
    String text = """
        apiVersion: connectgate.io/v1
        kind: ConnectorPolicy
        rules:
          maxTasks:
            action: %s
            max: 2
        """.formatted(action);
    try {
      Path next = Files.writeString(dir.resolve("connectorpolicy.yaml.next"), text, StandardCharsets.UTF_8);
      Files.move(next, policy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + policy, e);
    }
  }

  /** The reload counter of serve's metrics, polled with the shared bounded {@link Poll}. */
  private void awaitReload() {
    Poll.until("serve to reload the rewritten policy", RELOAD, Duration.ofMillis(100), () ->
        connectgate.server().metrics().sum("connectgate_policy_reloads_total", Map.of("outcome", "reloaded")) >= 1
            ? null : "no reload counted yet");
  }
}
