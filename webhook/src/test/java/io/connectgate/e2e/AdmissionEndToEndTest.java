package io.connectgate.e2e;

import static io.connectgate.e2e.ConnectorConfigMaps.DATA_KEY;
import static io.connectgate.e2e.ConnectorConfigMaps.INJECTED_ANNOTATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * connectgate as users meet it: the real server ({@code serve} with the built-in engine and
 * policy) registered as a validating and a mutating webhook of a real kube-apiserver, driven
 * with Fabric8 and kubectl. The API server applies our patch, enforces our denials, relays our
 * warnings and honours the namespace selector: nothing here calls connectgate directly.
 */
@ControlPlaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionEndToEndTest {

  private static final String BYTE_ARRAY = "io.confluent.connect.replicator.util.ByteArrayConverter";
  private static final String CONSUMER_INTERCEPTOR =
      "io.confluent.monitoring.clients.interceptor.MonitoringConsumerInterceptor";
  private static final String PRODUCER_INTERCEPTOR =
      "io.confluent.monitoring.clients.interceptor.MonitoringProducerInterceptor";
  private static final List<String> INJECTED = List.of("key.converter", "value.converter", "header.converter",
      "src.consumer.interceptor.classes", "src.kafka.timestamps.producer.interceptor.classes",
      "src.consumer.confluent.monitoring.interceptor.bootstrap.servers",
      "src.kafka.timestamps.producer.confluent.monitoring.interceptor.bootstrap.servers");
  /** Distinctive, so its absence from every output and log line proves redaction. */
  private static final String PASSWORD = "Hunter2-e2e-9f3c";
  private static final String DENIED = "admission webhook \"" + WebhookRegistration.VALIDATING_WEBHOOK
      + "\" denied the request";
  private static final List<String> BAD_CONFIG_ERRORS = List.of(
      "data[" + DATA_KEY + "] /config/src.kafka.security.protocol: must be one of",
      "data[" + DATA_KEY + "] /config/topic.regex: is not a valid Java regular expression",
      "data[" + DATA_KEY + "] /config/src.kafka.sasl.jaas.config: is not a valid JAAS configuration");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ControlPlane plane;
  private final KubernetesClient client;
  private CapturedLogs logs;
  private ConnectgateInCluster connectgate;
  private String ns;
  private Path dir;

  AdmissionEndToEndTest(ControlPlane plane) {
    this.plane = plane;
    this.client = plane.client();
  }

  @BeforeAll
  void startConnectgate(@TempDir Path dir) {
    this.dir = dir;
    logs = CapturedLogs.attach();
    connectgate = ConnectgateInCluster.start(plane, dir, "admission");
    ns = connectgate.namespace();
  }

  @AfterAll
  void stopConnectgate() {
    try {
      if (connectgate != null) connectgate.close();
    } finally {
      if (logs != null) logs.close();
    }
  }

  @Test
  void validConnectorIsStoredWithTheDefaultsOurPatchInjected() {
    PrometheusText before = connectgate.server().metrics();
    client.configMaps().inNamespace(ns).resource(
        ConnectorConfigMaps.connector(ns, "replicator-fabric8", ConnectorConfigMaps.replicator())).create();

    ConfigMap stored = client.configMaps().inNamespace(ns).withName("replicator-fabric8").get();
    assertNotNull(stored, "expected the valid connector to be admitted and stored");
    assertDefaultsInjected(stored);

    PrometheusText after = connectgate.server().metrics();
    for (String route : List.of("mutate", "validate")) {
      assertTrue(allowed(after, route) > allowed(before, route),
          "expected the API server to have called /" + route + " for the create (allowed before "
              + allowed(before, route) + ", after " + allowed(after, route) + ")");
    }
  }

  @Test
  void kubectlApplyStoresTheDefaultsAndReapplyingTheSameManifestChangesNothing() {
    Path manifest = ConnectorConfigMaps.manifest(dir,
        ConnectorConfigMaps.connector(ns, "replicator-kubectl", ConnectorConfigMaps.replicator()));

    CommandResult first = plane.kubectl("apply", "-f", manifest.toString());
    assertTrue(first.succeeded(), "expected kubectl apply of a valid connector to succeed:\n" + first.describe());
    assertTrue(first.stdout().contains("configmap/replicator-kubectl created"),
        "expected kubectl to report the creation:\n" + first.describe());
    ConfigMap created = client.configMaps().inNamespace(ns).withName("replicator-kubectl").get();
    assertDefaultsInjected(created);

    CommandResult again = plane.kubectl("apply", "-f", manifest.toString());
    assertTrue(again.succeeded(), "expected re-applying the same manifest to succeed:\n" + again.describe());
    // kubectl's three-way merge sees the stored data differ from the manifest (our defaults),
    // so it sends a patch restoring the manifest's text and says "configured"; /mutate injects
    // the same defaults again and the API server, finding the result identical, writes nothing.
    assertTrue(again.stdout().contains("configmap/replicator-kubectl configured"),
        "expected kubectl to report the re-apply as configured:\n" + again.describe());
    ConfigMap after = client.configMaps().inNamespace(ns).withName("replicator-kubectl").get();
    assertEquals(created.getData(), after.getData(), "expected re-apply to leave the stored data as it was");
    assertEquals(created.getMetadata().getAnnotations(), after.getMetadata().getAnnotations(),
        "expected re-apply to leave the annotations as they were");
    assertEquals(created.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion(),
        "expected re-apply to be a no-op for the API server (resourceVersion unchanged):\n" + again.describe());
  }

  @Test
  void misconfiguredConnectorIsRejectedNamingEveryProblemAndNeverTheSecret() {
    Path manifest = ConnectorConfigMaps.manifest(dir, ConnectorConfigMaps.connector(ns, "replicator-bad", badConfig()));

    CommandResult kubectl = plane.kubectl("apply", "-f", manifest.toString());
    assertNotEquals(0, kubectl.exitCode(), "expected kubectl apply of a misconfigured connector to fail:\n"
        + kubectl.describe());
    assertTrue(kubectl.stderr().contains(DENIED), "expected connectgate's denial on stderr:\n" + kubectl.describe());
    for (String problem : BAD_CONFIG_ERRORS) {
      assertTrue(kubectl.stderr().contains(problem), "expected kubectl to print '" + problem + "':\n"
          + kubectl.describe());
    }
    // The API server relays a denying webhook's warnings too: the typo is reported alongside.
    assertTrue(kubectl.stderr().contains("Warning: data[" + DATA_KEY + "] /config/dest.kafka.bootstrap.server: ... did you"
        + " mean `dest.kafka.bootstrap.servers`?"), "expected the typo's warning next to the denial:\n" + kubectl.describe());
    assertNoPassword(kubectl);
    assertNull(client.configMaps().inNamespace(ns).withName("replicator-bad").get(),
        "expected the rejected connector not to be stored");

    KubernetesClientException fabric8 = assertThrows(KubernetesClientException.class,
        () -> client.configMaps().inNamespace(ns)
            .resource(ConnectorConfigMaps.connector(ns, "replicator-bad", badConfig())).create(),
        "expected Fabric8's create to be refused too");
    assertEquals(403, fabric8.getCode(), "expected 403 (policy, not malformed): " + fabric8.getMessage());
    for (String problem : BAD_CONFIG_ERRORS) {
      assertTrue(fabric8.getMessage().contains(problem), "expected '" + problem + "' in " + fabric8.getMessage());
    }
    assertFalse(fabric8.getMessage().contains(PASSWORD), "expected no password in " + fabric8.getMessage());
    assertNoPasswordLogged();
  }

  @Test
  void updateToABadConfigIsRejectedAndTheStoredConnectorStaysAsItWas() {
    client.configMaps().inNamespace(ns).resource(
        ConnectorConfigMaps.connector(ns, "replicator-update", ConnectorConfigMaps.replicator())).create();
    ConfigMap before = client.configMaps().inNamespace(ns).withName("replicator-update").get();

    Path manifest = ConnectorConfigMaps.manifest(dir, ConnectorConfigMaps.connector(ns, "replicator-update", badConfig()));
    CommandResult kubectl = plane.kubectl("apply", "-f", manifest.toString());
    assertNotEquals(0, kubectl.exitCode(), "expected the update to a bad config to fail:\n" + kubectl.describe());
    assertTrue(kubectl.stderr().contains(DENIED), "expected connectgate's denial:\n" + kubectl.describe());
    for (String problem : BAD_CONFIG_ERRORS) {
      assertTrue(kubectl.stderr().contains(problem), "expected '" + problem + "':\n" + kubectl.describe());
    }
    // A failed apply of an existing object makes kubectl print the patch it sent, i.e. the
    // user's own manifest, password included; what connectgate answered must not add it.
    assertTrue(kubectl.stderr().contains("error when applying patch:"), "expected kubectl's patch echo:\n"
        + kubectl.describe());
    assertDenialHasNoPassword(kubectl);

    ConfigMap after = client.configMaps().inNamespace(ns).withName("replicator-update").get();
    assertEquals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion(),
        "expected the stored connector untouched by the refused update");
    assertEquals(before.getData(), after.getData(), "expected the stored data untouched by the refused update");
  }

  @Test
  void warningsReachKubectlWithoutTheSecret() {
    Map<String, String> changes = new LinkedHashMap<>();
    changes.put("src.kafka.security.protocol", "SASL_SSL");
    changes.put("src.kafka.sasl.mechanism", "PLAIN");
    changes.put("src.kafka.sasl.jaas.config", jaas(true));
    changes.put("dest.kafka.bootstrap.server", "dest-kafka:9092"); // typo of ...servers
    Path manifest = ConnectorConfigMaps.manifest(dir,
        ConnectorConfigMaps.connector(ns, "replicator-warned", ConnectorConfigMaps.replicator(changes)));

    CommandResult kubectl = plane.kubectl("apply", "-f", manifest.toString());
    assertTrue(kubectl.succeeded(), "expected a connector with only advisories to be admitted:\n" + kubectl.describe());
    assertTrue(kubectl.stderr().contains("Warning: data[" + DATA_KEY + "] /config/dest.kafka.bootstrap.server: ")
            && kubectl.stderr().contains("did you mean `dest.kafka.bootstrap.servers`"),
        "expected the unknown-key warning with its suggestion on kubectl's stderr:\n" + kubectl.describe());
    assertTrue(kubectl.stderr().contains("Warning: data[" + DATA_KEY + "] /config/src.kafka.sasl.jaas.config: ")
            && kubectl.stderr().contains("use a ${...} reference"),
        "expected the plain-text credential warning on kubectl's stderr:\n" + kubectl.describe());
    assertNoPassword(kubectl);
    assertNoPasswordLogged();
    assertNotNull(client.configMaps().inNamespace(ns).withName("replicator-warned").get(),
        "expected the warned connector to be stored");
  }

  @Test
  void serverSideDryRunIsDecidedTheSameWayAndStoresNothing() {
    Path bad = ConnectorConfigMaps.manifest(dir, ConnectorConfigMaps.connector(ns, "dry-bad", badConfig()));
    CommandResult denied = plane.kubectl("apply", "--dry-run=server", "-f", bad.toString());
    assertNotEquals(0, denied.exitCode(), "expected a server dry run of a bad connector to be denied:\n"
        + denied.describe());
    for (String problem : BAD_CONFIG_ERRORS) {
      assertTrue(denied.stderr().contains(problem), "expected '" + problem + "' in the dry run's denial:\n"
          + denied.describe());
    }
    assertNoPassword(denied);

    Path good = ConnectorConfigMaps.manifest(dir,
        ConnectorConfigMaps.connector(ns, "dry-good", ConnectorConfigMaps.replicator()));
    CommandResult allowed = plane.kubectl("apply", "--dry-run=server", "-f", good.toString());
    assertTrue(allowed.succeeded(), "expected a server dry run of a good connector to pass:\n" + allowed.describe());
    assertTrue(allowed.stdout().contains("(server dry run)"), "expected kubectl to say it was a server dry run:\n"
        + allowed.describe());

    assertNull(client.configMaps().inNamespace(ns).withName("dry-bad").get(), "expected nothing stored by a dry run");
    assertNull(client.configMaps().inNamespace(ns).withName("dry-good").get(), "expected nothing stored by a dry run");
    assertTrue(logs.lines().stream().anyMatch(l -> l.contains("route=validate") && l.contains("object=" + ns + "/dry-bad")
            && l.contains("dryRun=true") && l.contains("allowed=false code=403")),
        "expected the decision log to show the dry run reached /validate as dryRun=true and was denied: "
            + decisionLines());
    assertTrue(logs.lines().stream().anyMatch(l -> l.contains("route=mutate") && l.contains("object=" + ns + "/dry-good")
            && l.contains("dryRun=true") && l.contains("patched=true")),
        "expected the decision log to show the dry run reached /mutate as dryRun=true and was patched: "
            + decisionLines());
  }

  @Test
  void unrelatedConfigMapsPassUntouched() {
    PrometheusText before = connectgate.server().metrics();
    Map<String, String> data = Map.of(
        "settings.json", "{\"feature\": \"on\", \"config\": {\"retries\": 3}}",
        "app.properties", "greeting=hello\n");
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("app-settings").endMetadata().withData(data).build()).create();

    ConfigMap stored = client.configMaps().inNamespace(ns).withName("app-settings").get();
    assertNotNull(stored, "expected an unrelated ConfigMap to be admitted");
    assertEquals(data, stored.getData(), "expected its data stored exactly as sent");
    Map<String, String> annotations = stored.getMetadata().getAnnotations();
    assertTrue(annotations == null || !annotations.containsKey(INJECTED_ANNOTATION),
        "expected no " + INJECTED_ANNOTATION + " annotation, got " + annotations);
    PrometheusText after = connectgate.server().metrics();
    assertTrue(allowed(after, "validate") > allowed(before, "validate"),
        "expected connectgate to have been asked (and to have allowed it), not bypassed");
  }

  @Test
  void excludedNamespaceIsNeverSentToTheWebhook() {
    // kube-system gets this instance's label too, so only the chart's NotIn kube-system
    // expression can keep it out. A control namespace is labelled after it: once the API
    // server enforces there, its namespace cache has seen kube-system's label as well.
    String control = TestNamespaces.create(client, "control", null);
    TestNamespaces.optIn(client, "kube-system", connectgate.instance());
    try {
      TestNamespaces.optIn(client, control, connectgate.instance());
      awaitDenied(control);

      PrometheusText before = connectgate.server().metrics();
      client.configMaps().inNamespace("kube-system")
          .resource(ConnectorConfigMaps.connector("kube-system", "replicator-excluded", badConfig())).create();
      assertNotNull(client.configMaps().inNamespace("kube-system").withName("replicator-excluded").get(),
          "expected a bad connector in kube-system to be admitted: the webhook must not see it");
      PrometheusText after = connectgate.server().metrics();
      assertEquals(totalRequests(before), totalRequests(after),
          "expected no admission request to reach connectgate for kube-system");
    } finally {
      client.configMaps().inNamespace("kube-system").withName("replicator-excluded").delete();
      TestNamespaces.optOut(client, "kube-system");
    }
  }

  /** Three errors (enum, regex, JAAS grammar) and a typo, with a password in the JAAS text. */
  private static Map<String, String> badConfig() {
    Map<String, String> changes = new LinkedHashMap<>();
    changes.put("topic.whitelist", null);
    changes.put("topic.regex", "orders.(");
    changes.put("src.kafka.security.protocol", "SASL_PLAINTEXTT");
    changes.put("src.kafka.sasl.mechanism", "PLAIN");
    changes.put("src.kafka.sasl.jaas.config", jaas(false));
    changes.put("dest.kafka.bootstrap.server", "dest-kafka:9092");
    return ConnectorConfigMaps.replicator(changes);
  }

  private static String jaas(boolean wellFormed) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"replicator\" password=\""
        + PASSWORD + "\"" + (wellFormed ? ";" : "");
  }

  private static void assertDefaultsInjected(ConfigMap stored) {
    assertNotNull(stored, "expected the connector to be stored");
    JsonNode config = ConnectorConfigMaps.storedConfig(stored);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("key.converter", BYTE_ARRAY);
    expected.put("value.converter", BYTE_ARRAY);
    expected.put("header.converter", BYTE_ARRAY);
    expected.put("src.consumer.interceptor.classes", CONSUMER_INTERCEPTOR);
    expected.put("src.kafka.timestamps.producer.interceptor.classes", PRODUCER_INTERCEPTOR);
    expected.put("src.consumer.confluent.monitoring.interceptor.bootstrap.servers", "kafka:9071");
    expected.put("src.kafka.timestamps.producer.confluent.monitoring.interceptor.bootstrap.servers", "kafka:9071");
    ConnectorConfigMaps.replicator().forEach(expected::put);
    expected.forEach((key, value) -> assertEquals(value, config.path(key).asString(null),
        "expected stored config " + key + " = " + value + " in " + config));
    String annotation = stored.getMetadata().getAnnotations() == null ? null
        : stored.getMetadata().getAnnotations().get(INJECTED_ANNOTATION);
    assertNotNull(annotation, "expected the " + INJECTED_ANNOTATION + " annotation on the stored object");
    List<String> recorded = JSON.readTree(annotation).path(DATA_KEY).valueStream().map(JsonNode::asString).toList();
    assertEquals(INJECTED, recorded, "expected the annotation to record the injected keys: " + annotation);
  }

  private void awaitDenied(String namespace) {
    Poll.until("connectgate to be enforced in " + namespace + " once labelled", Duration.ofSeconds(30),
        Duration.ofMillis(100), () -> {
          try {
            client.configMaps().inNamespace(namespace)
                .resource(ConnectorConfigMaps.connector(namespace, "probe", badConfig())).dryRun().create();
            return "admitted (dry run)";
          } catch (KubernetesClientException e) {
            if (e.getMessage() != null && e.getMessage().contains(DENIED)) return null;
            throw e;
          }
        });
  }

  private static double allowed(PrometheusText metrics, String route) {
    return metrics.sum("connectgate_admission_requests_total", Map.of("route", route, "decision", "allowed"));
  }

  private static double totalRequests(PrometheusText metrics) {
    return metrics.sum("connectgate_admission_requests_total", Map.of());
  }

  private void assertNoPassword(CommandResult result) {
    assertFalse(result.stdout().contains(PASSWORD) || result.stderr().contains(PASSWORD),
        "expected the JAAS password nowhere in kubectl's output:\n" + result.describe());
  }

  /** Only connectgate's part: the text from "denied the request" on. */
  private void assertDenialHasNoPassword(CommandResult result) {
    int at = result.stderr().indexOf(DENIED);
    assertTrue(at >= 0, "expected connectgate's denial:\n" + result.describe());
    assertFalse(result.stderr().substring(at).contains(PASSWORD),
        "expected the JAAS password nowhere in connectgate's denial:\n" + result.describe());
  }

  private void assertNoPasswordLogged() {
    List<String> leaking = logs.lines().stream().filter(l -> l.contains(PASSWORD)).toList();
    assertTrue(leaking.isEmpty(), "expected no log line with the password, got " + leaking);
  }

  private List<String> decisionLines() {
    return logs.lines().stream().filter(l -> l.contains("decision uid=")).toList();
  }
}
