package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.connectgate.kube.KubeCallException;
import io.connectgate.kube.WebhookSelfRegistration;
import io.connectgate.kube.WebhookSelfRegistration.Outcome;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's registration RBAC is enough, and no more: the registration runs as the chart's
 * ServiceAccount (impersonated), with exactly the chart's Role/ClusterRole objects applied,
 * creates and updates the release's two configurations, and may neither read nor change another one.
 *
 * <p>Skipped while the control plane authorizes everything ({@code --authorization-mode=AlwaysAllow});
 * it runs once the fixture enforces RBAC. Nothing is ever dialled: the registered webhooks
 * select no namespace (a label no namespace carries) and fail open, and their Service's
 * Endpoints, made by hand, hold a documentation address (192.0.2.1).
 */
@ControlPlaneTest
class WebhookRegistrationRbacEndToEndTest {

  private static final String RELEASE = "cgrbac";
  private static final String FULLNAME = RELEASE + "-connectgate";

  @Test
  void theChartsServiceAccountMayRegisterItsOwnConfigurationsAndNoOther(ControlPlane plane, @TempDir Path dir)
      throws IOException {
    KubernetesClient admin = plane.client();
    String ns = TestNamespaces.create(admin, "rbac", null);
    KubernetesSerialization yaml = new KubernetesSerialization();
    List<HasMetadata> rendered = asList(yaml.unmarshal(new Helm(InstallCannotLockEndToEndTest.repositoryRoot()
        .resolve("deploy/helm/connectgate")).template().withName(RELEASE).withNamespace(ns)
        .set("image.repository", "connectgate").call()));
    List<HasMetadata> rbac = new ArrayList<>();
    for (HasMetadata o : rendered) {
      boolean registration = o.getMetadata().getName().equals(FULLNAME + "-webhook-registration")
          && (o instanceof ClusterRole || o instanceof ClusterRoleBinding || o instanceof Role || o instanceof RoleBinding);
      if (registration || o instanceof ServiceAccount) {
        rbac.add(o);
      }
    }
    assertEquals(5, rbac.size(), "the ServiceAccount and the four registration RBAC objects: " + rbac);
    try {
      rbac.forEach(o -> admin.resource(o).create());
      try (KubernetesClient asPod = impersonating(admin, ns, FULLNAME)) {
        Assumptions.assumeFalse(allowed(() -> asPod.configMaps().inNamespace("kube-system").list()),
            "this control plane authorizes everything (AlwaysAllow): RBAC is not enforced, nothing to prove");
        admin.endpoints().inNamespace(ns).resource(new EndpointsBuilder().withNewMetadata().withName(FULLNAME)
            .withNamespace(ns).endMetadata().addNewSubset().addNewAddress().withIp("192.0.2.1").endAddress()
            .addNewPort().withPort(8443).endPort().endSubset().build()).create();
        Path template = dir.resolve("webhooks.yaml");
        Files.writeString(template, harmless(yaml, rendered));
        Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        WebhookSelfRegistration registration =
            new WebhookSelfRegistration(asPod, template, dir.resolve("ca.crt"), FULLNAME + "-webhook-registration");
        assertEquals(Outcome.APPLIED, registration.ensure(), "created with the chart's grants");
        Files.writeString(template, Files.readString(template) + "# changed\n");
        assertEquals(Outcome.APPLIED, registration.ensure(), "updated with the chart's grants");
        assertEquals(Outcome.UNCHANGED, registration.ensure(), "read back with the chart's grants");

        // RBAC cannot limit create by name (docs/operations.md says so); every other verb is: a
        // configuration someone else owns can be neither read nor changed.
        List<HasMetadata> others = asList(yaml.unmarshal(Files.readString(template)));
        others.forEach(o -> o.getMetadata().setName("someone-else"));
        others.forEach(o -> admin.resource(o).create());
        StringBuilder other = new StringBuilder();
        others.forEach(o -> other.append("---\n").append(yaml.asYaml(o)));
        Files.writeString(template, other + "# changed\n");
        KubeCallException refused = assertThrows(KubeCallException.class, registration::ensure,
            "another configuration is out of the grants");
        assertEquals(403, refused.code(), "forbidden: " + refused.getMessage());
      }
    } finally {
      for (String name : List.of(FULLNAME, "someone-else")) {
        admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).delete();
        admin.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).delete();
      }
      rbac.stream().filter(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding)
          .forEach(o -> admin.resource(o).delete());
    }
  }

  /** The chart's template, made unable to call anything: no namespace selected, failing open. */
  private static String harmless(KubernetesSerialization yaml, List<HasMetadata> rendered) {
    ConfigMap holder = rendered.stream().filter(o -> o instanceof ConfigMap c
        && c.getMetadata().getName().equals(FULLNAME + "-webhooks")).map(ConfigMap.class::cast).findFirst().orElseThrow();
    StringBuilder out = new StringBuilder();
    LabelSelector nobody = new LabelSelector(null, Map.of(WebhookRegistration.INSTANCE_LABEL, "nobody-" + UUID.randomUUID()));
    for (HasMetadata config : asList(yaml.unmarshal(holder.getData().get("webhooks.yaml")))) {
      if (config instanceof ValidatingWebhookConfiguration v) {
        v.getWebhooks().forEach(w -> {
          w.setNamespaceSelector(nobody);
          w.setFailurePolicy("Ignore");
        });
      } else if (config instanceof MutatingWebhookConfiguration m) {
        m.getWebhooks().forEach(w -> {
          w.setNamespaceSelector(nobody);
          w.setFailurePolicy("Ignore");
        });
      }
      out.append("---\n").append(yaml.asYaml(config));
    }
    return out.toString();
  }

  private static KubernetesClient impersonating(KubernetesClient admin, String ns, String serviceAccount) {
    Config config = new ConfigBuilder(admin.getConfiguration())
        .withImpersonateUsername("system:serviceaccount:" + ns + ":" + serviceAccount)
        .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated")
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static boolean allowed(Runnable call) {
    try {
      call.run();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) return false;
      throw e;
    }
  }

  private static List<HasMetadata> asList(Object parsed) {
    if (parsed instanceof List<?> list) {
      return list.stream().map(HasMetadata.class::cast).toList();
    }
    return List.of((HasMetadata) parsed);
  }
}
