package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the e2e tier itself: the control plane stores objects, kubectl talks to it, and the
 * API server calls an HTTPS admission webhook on loopback and enforces its denial.
 */
@ControlPlaneTest
class ControlPlaneSmokeTest {

  private static final String DENY_LABEL = "connectgate-e2e/deny";
  private static final String DENY_MESSAGE = "smoke webhook denies ConfigMaps labelled " + DENY_LABEL;
  private static final String SELECTOR_LABEL = "connectgate-e2e/smoke";
  private static final Duration WEBHOOK_ACTIVATION = Duration.ofSeconds(30);

  private final ControlPlane plane;
  private final KubernetesClient client;

  ControlPlaneSmokeTest(ControlPlane plane) {
    this.plane = plane;
    this.client = plane.client();
  }

  @Test
  void storesConfigMapsReadableByFabric8AndKubectl() {
    String ns = createNamespace(null);
    client.configMaps().inNamespace(ns).resource(configMap("stored", Map.of())).create();

    ConfigMap read = client.configMaps().inNamespace(ns).withName("stored").get();
    assertNotNull(read, "expected ConfigMap " + ns + "/stored to be readable after create");
    assertEquals(Map.of("connector.json", "{\"name\":\"stored\"}"), read.getData(),
        "expected the stored data back unchanged");
    assertNotNull(read.getMetadata().getUid(), "expected the API server to assign a uid");

    CommandResult kubectl = plane.kubectl("get", "configmaps", "-n", ns, "-o", "name");
    assertTrue(kubectl.succeeded(), "expected kubectl get configmaps to succeed:\n" + kubectl.describe());
    assertTrue(kubectl.stdout().lines().anyMatch("configmap/stored"::equals),
        "expected kubectl to list configmap/stored:\n" + kubectl.describe());
  }

  @Test
  void apiServerCallsAValidatingWebhookOnLoopbackAndEnforcesItsDenial(@TempDir Path dir) throws IOException {
    String ns = createNamespace(SELECTOR_LABEL);
    TestCa webhookCa = TestCa.generate("connectgate-e2e-webhook-ca");
    String configName = "connectgate-e2e-smoke-" + ns;
    try (LabelDenyingWebhook webhook = LabelDenyingWebhook.start(webhookCa, DENY_LABEL, DENY_MESSAGE)) {
      client.admissionRegistration().v1().validatingWebhookConfigurations()
          .resource(webhookConfiguration(configName, ns, webhook, webhookCa)).create();
      try {
        awaitWebhookActive(ns);

        client.configMaps().inNamespace(ns).resource(configMap("plain", Map.of())).create();
        assertNotNull(client.configMaps().inNamespace(ns).withName("plain").get(),
            "expected an unlabelled ConfigMap to be admitted");
        assertTrue(webhook.calls().stream().anyMatch(c -> c.objectName().equals("plain")),
            "expected the webhook to have been asked about 'plain', calls: " + webhook.calls());

        KubernetesClientException denied = assertThrows(KubernetesClientException.class,
            () -> client.configMaps().inNamespace(ns)
                .resource(configMap("denied-by-fabric8", Map.of(DENY_LABEL, "yes"))).create(),
            "expected the API server to refuse a labelled ConfigMap");
        assertEquals(403, denied.getCode(), "expected the webhook's status code 403: " + denied.getMessage());
        assertTrue(denied.getMessage().contains(DENY_MESSAGE),
            "expected the webhook's message in the API error, got: " + denied.getMessage());

        Path manifest = dir.resolve("denied.yaml");
        Files.writeString(manifest, """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: denied-by-kubectl
              namespace: %s
              labels:
                %s: "yes"
            data:
              connector.json: '{"name":"denied"}'
            """.formatted(ns, DENY_LABEL), StandardCharsets.UTF_8);
        CommandResult kubectl = plane.kubectl("create", "-f", manifest.toString());
        assertNotEquals(0, kubectl.exitCode(), "expected kubectl create to fail:\n" + kubectl.describe());
        assertTrue(kubectl.stderr().contains("denied the request: " + DENY_MESSAGE),
            "expected kubectl to print the webhook's denial:\n" + kubectl.describe());
        assertEquals(null, client.configMaps().inNamespace(ns).withName("denied-by-kubectl").get(),
            "expected the denied ConfigMap not to be stored");

        assertTrue(webhook.calls().stream().allMatch(c -> c.pathAndQuery().startsWith("/validate?timeout=")),
            "expected every call on /validate with the API server's ?timeout= parameter: " + webhook.calls());
      } finally {
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(configName).delete();
      }
    }
  }

  /**
   * The API server picks up a new webhook configuration asynchronously; probe with labelled
   * ConfigMaps until one is denied, removing any that slipped through before activation.
   */
  private void awaitWebhookActive(String ns) {
    int[] attempt = {0};
    Poll.until("the webhook to be active", WEBHOOK_ACTIVATION, Duration.ofMillis(200), () -> {
      String name = "probe-" + attempt[0]++;
      try {
        client.configMaps().inNamespace(ns).resource(configMap(name, Map.of(DENY_LABEL, "probe"))).create();
        client.configMaps().inNamespace(ns).withName(name).delete();
        return "a probe ConfigMap was admitted";
      } catch (KubernetesClientException e) {
        if (e.getMessage() != null && e.getMessage().contains(DENY_MESSAGE)) return null;
        throw e;
      }
    });
  }

  /** A fresh namespace; with {@code selectorLabel}, labelled with its own name under that key. */
  private String createNamespace(String selectorLabel) {
    String name = "smoke-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> labels = selectorLabel == null ? Map.of() : Map.of(selectorLabel, name);
    client.namespaces().resource(new NamespaceBuilder()
        .withNewMetadata().withName(name).withLabels(labels).endMetadata().build()).create();
    return name;
  }

  private static ConfigMap configMap(String name, Map<String, String> labels) {
    return new ConfigMapBuilder()
        .withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withData(Map.of("connector.json", "{\"name\":\"" + name + "\"}"))
        .build();
  }

  /** Only the test's own namespace is intercepted, so other e2e classes sharing the plane are not. */
  private static ValidatingWebhookConfiguration webhookConfiguration(
      String name, String ns, LabelDenyingWebhook webhook, TestCa ca) {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .addNewWebhook()
          .withName("smoke.e2e.connectgate.io")
          .withNewClientConfig()
            .withUrl(webhook.url().toString())
            .withCaBundle(Pem.base64(ca.certificatePem()))
          .endClientConfig()
          .addNewRule()
            .withOperations("CREATE")
            .withApiGroups("")
            .withApiVersions("v1")
            .withResources("configmaps")
          .endRule()
          .withNewNamespaceSelector().addToMatchLabels(SELECTOR_LABEL, ns).endNamespaceSelector()
          .withFailurePolicy("Fail")
          .withSideEffects("None")
          .withAdmissionReviewVersions("v1")
          .withTimeoutSeconds(5)
        .endWebhook()
        .build();
  }
}
