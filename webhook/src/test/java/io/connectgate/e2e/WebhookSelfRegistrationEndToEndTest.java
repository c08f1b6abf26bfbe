package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.connectgate.kube.WebhookSelfRegistration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server, started with {@code --register-webhooks} over the chart's own template
 * (the {@code connectgate-webhooks} ConfigMap of a helm-java rendering), registers both
 * configurations itself and the API server then denies a bad connector through them.
 *
 * <p>Loopback only: the chart's template names the Service; this copy calls the server by URL
 * on 127.0.0.1 (the API server never resolves a Service for it) and, like every e2e class,
 * reaches only namespaces labelled with its instance. The server starts with an empty
 * template and the test writes the real one once the port is known: registration retries until
 * the file is usable, as a pod does while its ConfigMap is being updated.
 */
@ControlPlaneTest
class WebhookSelfRegistrationEndToEndTest {

  private static final String INSTANCE = "selfreg";
  private static final String NAME = "connectgate-e2e-" + INSTANCE;
  private static final String OWNER = NAME + "-owner";
  private static final Duration REGISTRATION = Duration.ofSeconds(60);
  private static final String DENIED = "admission webhook \"validate.connectgate.io\" denied the request";

  @Test
  void theServerRegistersTheChartsWebhooksAndTheApiServerThenDeniesABadConnector(ControlPlane plane,
      @TempDir Path dir) throws IOException {
    KubernetesClient client = plane.client();
    ClusterRole owner = client.rbac().clusterRoles().resource(new ClusterRoleBuilder()
        .withNewMetadata().withName(OWNER).endMetadata().build()).create();
    Path template = dir.resolve("webhooks.yaml");
    Files.writeString(template, ""); // the real one once the port is known
    ConnectgateServer server = null;
    try {
      server = ConnectgateServer.start(dir.resolve("certs"), "--register-webhooks", template.toString(),
          "--register-owner", OWNER, "--kubeconfig", plane.kubeconfig().toString());
      String ns = TestNamespaces.create(client, INSTANCE, INSTANCE);
      assertNull(client.admissionRegistration().v1().validatingWebhookConfigurations().withName(NAME).get(),
          "nothing registered while the template is unusable");
      writeAtomically(template, loopbackCopyOfTheChartsTemplate(server));

      ConnectgateServer serving = server;
      Poll.until("the API server to deny a bad connector through the registered webhook", REGISTRATION,
          Duration.ofMillis(250), () -> {
            try {
              client.configMaps().inNamespace(ns).resource(broken(ns)).dryRun().create();
              return "a dry-run create of a broken connector was admitted";
            } catch (KubernetesClientException e) {
              return e.getMessage() != null && e.getMessage().contains(DENIED) ? null : e.getMessage();
            }
          });

      KubernetesClientException denied = assertThrows(KubernetesClientException.class,
          () -> client.configMaps().inNamespace(ns).resource(broken(ns)).create(),
          "expected the broken connector to be denied");
      assertTrue(denied.getMessage().contains("/config/src.kafka.security.protocol: must be one of"),
          "expected connectgate's finding in the denial: " + denied.getMessage());
      assertNull(client.configMaps().inNamespace(ns).withName("replicator-broken").get(), "not stored");
      client.configMaps().inNamespace(ns).resource(
          ConnectorConfigMaps.connector(ns, "replicator-valid", ConnectorConfigMaps.replicator())).create();
      ConfigMap stored = client.configMaps().inNamespace(ns).withName("replicator-valid").get();
      assertTrue(stored.getMetadata().getAnnotations() != null
              && stored.getMetadata().getAnnotations().containsKey(ConnectorConfigMaps.INJECTED_ANNOTATION),
          "expected the registered mutating webhook to have injected defaults: " + stored.getMetadata());

      ValidatingWebhookConfiguration registered =
          client.admissionRegistration().v1().validatingWebhookConfigurations().withName(NAME).get();
      assertEquals(owner.getMetadata().getUid(), registered.getMetadata().getOwnerReferences().get(0).getUid(),
          "owned by the ClusterRole, so the garbage collector removes it with the release");
      assertEquals(Base64.getEncoder().encodeToString(serving.caPem().getBytes(StandardCharsets.US_ASCII)),
          registered.getWebhooks().get(0).getClientConfig().getCaBundle(), "caBundle: the CA serve generated");
      assertNotNull(registered.getMetadata().getAnnotations().get(WebhookSelfRegistration.TEMPLATE_HASH),
          "the template's hash is recorded");
      assertEquals(null, registered.getMetadata().getLabels().get("app.kubernetes.io/instance"),
          "no Helm/Argo CD instance label: no tool takes it for one of the release's objects");

      // The opt-out label works at the API server: the same broken connector is stored there.
      String optedOut = TestNamespaces.create(client, INSTANCE + "-ignored", INSTANCE);
      client.namespaces().withName(optedOut).edit(n -> new NamespaceBuilder(n).editMetadata()
          .addToLabels("connectgate.io/ignore", "true").endMetadata().build());
      client.configMaps().inNamespace(optedOut).resource(broken(optedOut)).create();
      assertNotNull(client.configMaps().inNamespace(optedOut).withName("replicator-broken").get(),
          "a namespace labelled connectgate.io/ignore=true is never sent to connectgate");
    } finally {
      try {
        if (server != null) server.close();
      } finally {
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(NAME).delete();
        client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(NAME).delete();
        client.rbac().clusterRoles().withName(OWNER).delete();
      }
    }
  }

  private static ConfigMap broken(String ns) {
    return ConnectorConfigMaps.connector(ns, "replicator-broken",
        ConnectorConfigMaps.replicator(Map.of("src.kafka.security.protocol", "PLAINTEXTT")));
  }

  /**
   * The chart's registration template with the test's changes only: its own name, a loopback
   * URL instead of the Service, this class's namespaces only, and a timeout for a busy machine.
   */
  static String loopbackCopyOfTheChartsTemplate(ConnectgateServer server) {
    KubernetesSerialization yaml = new KubernetesSerialization();
    String rendered = new Helm(InstallCannotLockEndToEndTest.repositoryRoot().resolve("deploy/helm/connectgate"))
        .template().withName("connectgate").withNamespace("connectgate").set("image.repository", "connectgate").call();
    List<HasMetadata> objects = asList(yaml.unmarshal(rendered));
    ConfigMap holder = objects.stream().filter(o -> o instanceof ConfigMap c
            && c.getMetadata().getName().equals("connectgate-webhooks")).map(ConfigMap.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("the chart renders no connectgate-webhooks ConfigMap"));
    List<HasMetadata> configs = asList(yaml.unmarshal(holder.getData().get("webhooks.yaml")));
    assertEquals(2, configs.size(), "the chart's template holds both configurations");
    StringBuilder out = new StringBuilder();
    for (HasMetadata config : configs) {
      config.getMetadata().setName(NAME);
      if (config instanceof ValidatingWebhookConfiguration v) {
        for (ValidatingWebhook w : v.getWebhooks()) {
          w.setClientConfig(loopback(server, w.getClientConfig()));
          w.setNamespaceSelector(onlyOurs(w.getNamespaceSelector()));
          w.setTimeoutSeconds(10);
        }
      } else if (config instanceof MutatingWebhookConfiguration m) {
        for (MutatingWebhook w : m.getWebhooks()) {
          w.setClientConfig(loopback(server, w.getClientConfig()));
          w.setNamespaceSelector(onlyOurs(w.getNamespaceSelector()));
          w.setTimeoutSeconds(10);
        }
      }
      out.append("---\n").append(yaml.asYaml(config));
    }
    return out.toString();
  }

  private static WebhookClientConfig loopback(ConnectgateServer server, WebhookClientConfig chart) {
    String path = chart.getService().getPath();
    WebhookClientConfig config = new WebhookClientConfig();
    config.setUrl(server.url(path).toString());
    return config;
  }

  private static LabelSelector onlyOurs(LabelSelector chart) {
    chart.setMatchLabels(Map.of(WebhookRegistration.INSTANCE_LABEL, INSTANCE));
    return chart;
  }

  private static List<HasMetadata> asList(Object parsed) {
    if (parsed instanceof List<?> list) {
      return list.stream().map(HasMetadata.class::cast).toList();
    }
    return List.of((HasMetadata) parsed);
  }

  private static void writeAtomically(Path file, String content) {
    try {
      Path tmp = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
