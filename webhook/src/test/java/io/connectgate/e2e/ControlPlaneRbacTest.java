package io.connectgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/**
 * The fixture as later tiers rely on it: RBAC is enforced (an impersonated ServiceAccount gets
 * exactly what a Role grants it, whether through Fabric8's impersonation settings or a
 * kubeconfig's {@code as}), the admin passes everything, and service cluster IPs are loopback.
 */
@ControlPlaneTest
class ControlPlaneRbacTest {

  private final ControlPlane plane;
  private final KubernetesClient admin;

  ControlPlaneRbacTest(ControlPlane plane) {
    this.plane = plane;
    this.admin = plane.client();
  }

  @Test
  void theKubernetesServiceHasALoopbackClusterIp() {
    Service kubernetes = admin.services().inNamespace("default").withName("kubernetes").get();
    assertNotNull(kubernetes, "expected the API server to create the kubernetes Service");
    assertEquals("127.0.100.1", kubernetes.getSpec().getClusterIP(),
        "expected the first IP of " + ControlPlane.SERVICE_CLUSTER_IP_RANGE);
  }

  @Test
  void anImpersonatedServiceAccountGetsOnlyWhatItsRoleGrants() throws Exception {
    String ns = TestNamespaces.create(admin, "rbac", null);
    admin.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("c")
        .endMetadata().addToData("k", "v").build()).create();
    admin.rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata().withName("read")
        .endMetadata().addNewRule().withApiGroups("").withResources("configmaps").withVerbs("get")
        .endRule().build()).create();
    admin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder().withNewMetadata()
        .withName("read").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "read")
        .addNewSubject().withKind("ServiceAccount").withName("reader").withNamespace(ns).endSubject()
        .build()).create();

    try (KubernetesClient reader = plane.clientAs(ns, "reader")) {
      assertEquals("v", reader.configMaps().inNamespace(ns).withName("c").get().getData().get("k"),
          "expected the Role to grant get configmaps");
      KubernetesClientException denied = assertThrows(KubernetesClientException.class,
          () -> reader.configMaps().inNamespace(ns).list(), "expected list (not granted) to be refused");
      assertEquals(403, denied.getCode(), "expected 403 Forbidden for list");
      KubernetesClientException elsewhere = assertThrows(KubernetesClientException.class,
          () -> reader.secrets().inNamespace("kube-system").list(), "expected other namespaces refused");
      assertEquals(403, elsewhere.getCode(), "expected 403 Forbidden in kube-system");
    }

    // kubectl honours the kubeconfig's as/as-groups (Fabric8 does not: a child JVM gets
    // impersonationEnvironment instead, checked below).
    CommandResult listAs = plane.kubectl("--kubeconfig", plane.kubeconfigAs(ns, "reader").toString(),
        "get", "configmaps", "-n", ns);
    assertTrue(!listAs.succeeded() && listAs.stderr().contains("forbidden"),
        "expected the kubeconfig's as: to apply:\n" + listAs.describe());
    Config fromEnvironment = Config.empty();
    plane.impersonationEnvironment(ns, "reader").forEach((k, v) -> System.setProperty(
        k.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), v));
    try {
      fromEnvironment = Config.autoConfigure(null);
    } finally {
      plane.impersonationEnvironment(ns, "reader").keySet().forEach(k -> System.clearProperty(
          k.toLowerCase(java.util.Locale.ROOT).replace('_', '.')));
    }
    assertEquals(ServiceAccountIdentity.user(ns, "reader"), fromEnvironment.getImpersonateUsername(),
        "expected Fabric8 to read the impersonated user from the environment's names");
    assertEquals(ServiceAccountIdentity.groups(ns), java.util.List.of(fromEnvironment.getImpersonateGroups()),
        "expected Fabric8 to read the impersonated groups from the environment's names");
    CommandResult canI = plane.kubectl("--as", ServiceAccountIdentity.user(ns, "reader"),
        "auth", "can-i", "get", "configmaps", "-n", ns);
    assertTrue(canI.stdout().strip().equals("yes"), "expected kubectl to agree:\n" + canI.describe());
    assertTrue(admin.configMaps().inNamespace(ns).list().getItems().size() == 1,
        "expected the admin (system:masters) to list everything");
  }
}
