package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Installing cannot lock the cluster: deploy/manifests/connectgate.yaml (the chart's default
 * rendering by helm-java, kept in step by RenderedManifestsTest) applied to a real API server
 * where no pod can ever run (no scheduler, no kubelet), then ConfigMaps written in a tenant
 * namespace, connector ones included: every write goes through, because the chart registers
 * no webhook; the pods would, once one of them serves.
 *
 * <p>Never dials: before any write, the test checks that no webhook configuration in the
 * cluster points at the chart's Service, so the API server has nothing to call for the
 * tenant namespace (it carries no e2e instance label, so other classes' webhooks skip it).
 */
@ControlPlaneTest
class InstallCannotLockEndToEndTest {

  private static final String NS = "connectgate";

  @Test
  void applyingTheManifestsWithNoPodAbleToRunBlocksNoConfigMapWrite(ControlPlane plane) {
    KubernetesClient client = plane.client();
    Path manifests = manifests();
    CommandResult applied = plane.kubectl("apply", "-f", manifests.toString());
    try {
      assertTrue(applied.succeeded() || onlyThePdbIsUnknown(applied),
          "expected kubectl apply -f " + manifests + " to succeed:\n" + applied.describe());
      assertNotNull(client.apps().deployments().inNamespace(NS).withName("connectgate").get(),
          "expected the Deployment to be stored (it never gets a pod here)");
      Endpoints endpoints = client.endpoints().inNamespace(NS).withName("connectgate").get();
      assertTrue(endpoints == null || endpoints.getSubsets() == null || endpoints.getSubsets().isEmpty(),
          "expected no endpoint for the Service: nothing serves, as with an image that never starts");
      assertEquals(List.of(), webhooksCallingTheChartsService(client),
          "expected no webhook configuration pointing at connectgate/connectgate after the install");

      String tenant = TestNamespaces.create(client, "tenant", null);
      List<ConfigMap> writes = List.of(
          ConnectorConfigMaps.connector(tenant, "replicator-valid", ConnectorConfigMaps.replicator()),
          // connectgate would deny this one (an unknown security protocol)
          ConnectorConfigMaps.connector(tenant, "replicator-broken",
              ConnectorConfigMaps.replicator(Map.of("src.kafka.security.protocol", "PLAINTEXTT"))),
          new ConfigMapBuilder().withNewMetadata().withNamespace(tenant).withName("app-settings").endMetadata()
              .addToData("settings.properties", "a=b").build());
      for (ConfigMap configMap : writes) {
        client.configMaps().inNamespace(tenant).resource(configMap).create();
        assertNotNull(client.configMaps().inNamespace(tenant).withName(configMap.getMetadata().getName()).get(),
            "expected ConfigMap " + configMap.getMetadata().getName() + " to be stored with connectgate not running");
      }
      client.configMaps().inNamespace(tenant).withName("app-settings")
          .edit(cm -> new ConfigMapBuilder(cm).addToData("settings.properties", "a=c").build());
      assertEquals("a=c", client.configMaps().inNamespace(tenant).withName("app-settings").get().getData()
          .get("settings.properties"), "expected the update to be stored too");
    } finally {
      // The cluster-scoped objects go. Namespace connectgate and its inert objects stay: with no
      // namespace controller here, a deleted namespace would stay Terminating for good.
      plane.kubectl("delete", "clusterrole,clusterrolebinding", "-l", "app.kubernetes.io/instance=connectgate,"
          + "app.kubernetes.io/managed-by=Helm", "--wait=false", "--ignore-not-found");
    }
  }

  /** kube-apiserver 1.20 (the tier's default) serves PodDisruptionBudget as policy/v1beta1 only (v1: 1.21+). */
  private static boolean onlyThePdbIsUnknown(CommandResult applied) {
    List<String> errors = applied.stderr().lines().filter(l -> l.startsWith("error")).toList();
    return !errors.isEmpty() && errors.stream().allMatch(
        l -> l.contains("no matches for kind \"PodDisruptionBudget\" in version \"policy/v1\""));
  }

  /** Every webhook of the cluster whose clientConfig names the chart's Service. */
  static List<String> webhooksCallingTheChartsService(KubernetesClient client) {
    List<String> found = new ArrayList<>();
    var admission = client.admissionRegistration().v1();
    Stream.concat(
        admission.validatingWebhookConfigurations().list().getItems().stream()
            .flatMap(c -> c.getWebhooks().stream().map(w -> Map.entry(c.getMetadata().getName() + "/" + w.getName(),
                w.getClientConfig()))),
        admission.mutatingWebhookConfigurations().list().getItems().stream()
            .flatMap(c -> c.getWebhooks().stream().map(w -> Map.entry(c.getMetadata().getName() + "/" + w.getName(),
                w.getClientConfig()))))
        .filter(e -> callsTheChartsService(e.getValue()))
        .forEach(e -> found.add(e.getKey()));
    return found;
  }

  private static boolean callsTheChartsService(WebhookClientConfig config) {
    return config != null && config.getService() != null && NS.equals(config.getService().getNamespace());
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy/helm"))) {
      dir = dir.getParent();
    }
    if (dir == null) throw new IllegalStateException("deploy/helm not found above " + Path.of("").toAbsolutePath());
    return dir;
  }

  static Path manifests() {
    return repositoryRoot().resolve("deploy/manifests/connectgate.yaml");
  }
}
