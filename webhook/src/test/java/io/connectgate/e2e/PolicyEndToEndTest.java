package io.connectgate.e2e;

import static io.connectgate.e2e.ConnectorConfigMaps.DATA_KEY;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster policy through the API server: serve started with {@code --policy FILE} denies
 * by a rule, and a rewritten file (hot reload, no restart) turns the same rule into a warning
 * that kubectl shows.
 */
@ControlPlaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyEndToEndTest {

  private static final Duration RELOAD = Duration.ofSeconds(15);
  private static final String TASKS_PROBLEM = "data[" + DATA_KEY + "] /config/tasks.max: maxTasks: tasks.max is 4;"
      + " policy allows at most 2";

  private final ControlPlane plane;
  private final KubernetesClient client;
  private ConnectgateInCluster connectgate;
  private Path policy;
  private Path dir;

  PolicyEndToEndTest(ControlPlane plane) {
    this.plane = plane;
    this.client = plane.client();
  }

  @BeforeAll
  void startConnectgateWithAPolicy(@TempDir Path dir) {
    this.dir = dir;
    policy = dir.resolve("connectorpolicy.yaml");
    writePolicy("deny");
    connectgate = ConnectgateInCluster.start(plane, dir, "policy",
        "--policy", policy.toString(), "--policy-poll-interval", "200ms");
  }

  @AfterAll
  void stopConnectgate() {
    if (connectgate != null) connectgate.close();
  }

  @Test
  void ruleDeniesThenWarnsAfterThePolicyFileIsRewritten() {
    String ns = connectgate.namespace();
    Path manifest = ConnectorConfigMaps.manifest(dir, ConnectorConfigMaps.connector(ns, "replicator-wide",
        ConnectorConfigMaps.replicator(Map.of("tasks.max", "4"))));

    CommandResult denied = plane.kubectl("apply", "-f", manifest.toString());
    assertNotEquals(0, denied.exitCode(), "expected tasks.max 4 to be denied by maxTasks deny 2:\n" + denied.describe());
    assertTrue(denied.stderr().contains("admission webhook \"" + WebhookRegistration.VALIDATING_WEBHOOK
        + "\" denied the request: " + TASKS_PROBLEM), "expected the rule's denial on kubectl's stderr:\n"
        + denied.describe());
    assertNull(client.configMaps().inNamespace(ns).withName("replicator-wide").get(),
        "expected the denied connector not to be stored");

    writePolicy("warn");
    awaitReload();

    CommandResult warned = plane.kubectl("apply", "-f", manifest.toString());
    assertTrue(warned.succeeded(), "expected the same apply admitted once maxTasks only warns:\n" + warned.describe());
    assertTrue(warned.stderr().contains("Warning: " + TASKS_PROBLEM),
        "expected the rule's warning on kubectl's stderr:\n" + warned.describe());
    assertNotNull(client.configMaps().inNamespace(ns).withName("replicator-wide").get(),
        "expected the warned connector to be stored");
  }

  /** Replaces the file in one rename, as a mounted ConfigMap's {@code ..data} swap does. */
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

  private void awaitReload() {
    Poll.until("serve to reload the rewritten policy", RELOAD, Duration.ofMillis(100), () -> {
      PrometheusText metrics = connectgate.server().metrics();
      if (metrics.sum("connectgate_policy_reloads_total", Map.of("outcome", "rejected")) >= 1) {
        throw new AssertionError("expected the rewritten policy to be accepted, but serve rejected it");
      }
      return metrics.sum("connectgate_policy_reloads_total", Map.of("outcome", "reloaded")) >= 1
          ? null : "no reload counted yet";
    });
  }
}
