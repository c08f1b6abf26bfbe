package io.connectgate.deploy;

import static io.connectgate.deploy.ControllerFixture.KEY;
import static io.connectgate.deploy.ControllerFixture.await;
import static io.connectgate.deploy.ControllerFixture.connector;
import static io.connectgate.deploy.ControllerFixture.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.e2e.ControlPlane;
import io.connectgate.e2e.ControlPlaneTest;
import io.connectgate.kube.DeployController;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connector cleanup against the real kube-apiserver, the controller acting as the chart's
 * ServiceAccount with the chart's RBAC (so cleanup needs no more rights than deploying): the
 * finalizer is added to an opted-in ConfigMap, deleting the ConfigMap creates the delete Job,
 * and the ConfigMap goes once the Job succeeded (the test plays the Job controller).
 */
@ControlPlaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorCleanupEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration RESYNC = Duration.ofSeconds(2);

  private final ControllerFixture fx;

  ConnectorCleanupEndToEndTest(ControlPlane plane) {
    this.fx = new ControllerFixture(plane);
  }

  @BeforeAll
  void rbac() {
    fx.applyChartRbac(Map.of());
  }

  private void optIn(String ns, String name) {
    fx.admin.configMaps().inNamespace(ns).withName(name).edit(c -> {
      c.getMetadata().getLabels().put(CleanupKeys.DELETE_LABEL, "true");
      return c;
    });
  }

  private static boolean hasFinalizer(ConfigMap c) {
    return c.getMetadata().getFinalizers() != null && c.getMetadata().getFinalizers().contains(CleanupKeys.FINALIZER);
  }

  private static String connectorEnv(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("CONNECTGATE_CONNECTOR")).map(e -> e.getValue()).findFirst().orElse(null);
  }

  private List<Job> deleteJobs(String ns) {
    return fx.jobs(ns).stream().filter(j -> j.getMetadata().getName().contains("-delete-")).toList();
  }

  @Test
  void anOptedInConfigMapKeepsTheFinalizerUntilItsDeleteJobSucceeded() {
    String ns = fx.namespace("cleanup");
    String content = connector("orders", 1);
    fx.store(ns, "orders", content);
    optIn(ns, "orders");
    fx.store(ns, "plain", connector("plain", 1)); // not opted in
    try (DeployController controller = fx.controller("cleanup", RESYNC)) {
      await(fx.admin.configMaps().inNamespace(ns).withField("metadata.name", "orders"),
          cms -> cms.size() == 1 && hasFinalizer(cms.get(0)), WAIT, () -> "expected the finalizer on the opted-in ConfigMap");
      String deployJob = "orders-deploy-" + hash(content);
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobs -> jobs.stream()
          .anyMatch(j -> j.getMetadata().getName().equals(deployJob)), WAIT, () -> "expected the deploy Job");
      fx.finish(ns, deployJob, true, "");
      await(fx.admin.configMaps().inNamespace(ns).withField("metadata.name", "orders"), cms -> cms.size() == 1
          && cms.get(0).getMetadata().getAnnotations() != null
          && cms.get(0).getMetadata().getAnnotations().containsKey(DeployKeys.STATUS_ANNOTATION),
          WAIT, () -> "expected the deployed status");
      assertFalse(hasFinalizer(fx.admin.configMaps().inNamespace(ns).withName("plain").get()),
          "expected no finalizer without the label");

      fx.admin.configMaps().inNamespace(ns).withName("orders").delete();
      List<Job> jobs = await(fx.admin.batch().v1().jobs().inNamespace(ns), js -> js.stream()
          .anyMatch(j -> j.getMetadata().getName().contains("-delete-")), WAIT, () -> "expected a delete Job");
      Job delete = jobs.stream().filter(j -> j.getMetadata().getName().contains("-delete-")).findFirst().orElseThrow();
      List<String> args = delete.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
      assertEquals(List.of("deploy", "--delete", "--connect-url", ControllerFixture.CONNECT_URL, "--timeout", "120s"),
          args, "expected deploy --delete");
      assertEquals("orders", connectorEnv(delete), "expected the ConfigMap's connector in CONNECTGATE_CONNECTOR");
      assertEquals("orders", delete.getMetadata().getOwnerReferences().get(0).getName());
      ConfigMap terminating = fx.admin.configMaps().inNamespace(ns).withName("orders").get();
      assertNotNull(terminating, "expected the ConfigMap held by the finalizer while the delete Job runs");
      assertNotNull(terminating.getMetadata().getDeletionTimestamp());

      fx.finish(ns, delete.getMetadata().getName(), true, "");
      await(fx.admin.configMaps().inNamespace(ns).withField("metadata.name", "orders"), List::isEmpty, WAIT,
          () -> "expected the ConfigMap gone once its connector was deleted");
      assertEquals(1, deleteJobs(ns).size(), "expected exactly one delete Job: " + deleteJobs(ns));
      await(fx.admin.v1().events().inNamespace(ns), events -> events.stream()
          .anyMatch(e -> ConnectorCleanup.DELETED.equals(e.getReason())), WAIT, () -> "expected a ConnectorDeleted Event");
      assertEquals(1, fx.jobs(ns).stream().filter(j -> j.getMetadata().getName().startsWith("orders-deploy-")).count(),
          "expected no deploy Job created while deleting");
    }
  }

  @Test
  void anEntryRemovedFromAnOptedInConfigMapHasItsConnectorDeleted() {
    String ns = fx.namespace("cleanup-entry");
    String orders = connector("orders", 1);
    String payments = connector("payments", 1);
    fx.admin.configMaps().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("two").withNamespace(ns).addToLabels(DeployKeys.DEPLOY_LABEL, "true")
        .addToLabels(CleanupKeys.DELETE_LABEL, "true").endMetadata()
        .addToData("orders.json", orders).addToData("payments.json", payments).build()).create();
    try (DeployController controller = fx.controller("cleanup-entry", RESYNC)) {
      String ordersJob = "two-deploy-" + EntryHash.of("orders.json", orders, ControllerFixture.CONNECT_URL);
      String paymentsJob = "two-deploy-" + EntryHash.of("payments.json", payments, ControllerFixture.CONNECT_URL);
      await(fx.admin.batch().v1().jobs().inNamespace(ns), js -> js.size() == 2, WAIT, () -> "expected two deploy Jobs");
      fx.finish(ns, ordersJob, true, "");
      fx.finish(ns, paymentsJob, true, "");
      await(fx.admin.configMaps().inNamespace(ns).withField("metadata.name", "two"), cms -> cms.size() == 1
          && String.valueOf(cms.get(0).getMetadata().getAnnotations().get(CleanupKeys.CLEANUP_STATUS_ANNOTATION))
              .contains("\"payments\""), WAIT, () -> "expected the deployed connectors recorded");

      fx.admin.configMaps().inNamespace(ns).withName("two").edit(c -> {
        c.getData().remove("payments.json");
        return c;
      });
      List<Job> jobs = await(fx.admin.batch().v1().jobs().inNamespace(ns), js -> js.stream()
          .anyMatch(j -> j.getMetadata().getName().contains("-delete-")), WAIT, () -> "expected a delete Job");
      Job delete = jobs.stream().filter(j -> j.getMetadata().getName().contains("-delete-")).findFirst().orElseThrow();
      List<String> args = delete.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
      assertEquals(List.of("deploy", "--delete", "--connect-url", ControllerFixture.CONNECT_URL, "--timeout", "120s"),
          args);
      assertEquals("payments", connectorEnv(delete), "expected the removed entry's connector");
      fx.finish(ns, delete.getMetadata().getName(), true, "");
      await(fx.admin.configMaps().inNamespace(ns).withField("metadata.name", "two"), cms -> cms.size() == 1
          && !String.valueOf(cms.get(0).getMetadata().getAnnotations().get(CleanupKeys.CLEANUP_STATUS_ANNOTATION))
              .contains("\"payments\""), WAIT, () -> "expected the removed entry forgotten once deleted");
      ConfigMap two = fx.admin.configMaps().inNamespace(ns).withName("two").get();
      assertTrue(hasFinalizer(two), "the ConfigMap keeps its finalizer");
      assertEquals(1, deleteJobs(ns).size(), "expected exactly one delete Job");
      assertTrue(fx.jobs(ns).stream().anyMatch(j -> j.getMetadata().getName().equals(delete.getMetadata().getName())),
          "expected the deploy reconciler to leave the delete Job alone");
    }
  }

  @Test
  void aTenantForgedCleanupStatusSendsNoDeleteJobOutsideTheAllowList() {
    String ns = fx.namespace("cleanup-forged");
    fx.store(ns, "orders", connector("orders", 1));
    optIn(ns, "orders");
    try (DeployController controller = fx.controller("cleanup-forged", RESYNC)) {
      await(fx.admin.configMaps().inNamespace(ns).withField("metadata.name", "orders"),
          cms -> cms.size() == 1 && hasFinalizer(cms.get(0)), WAIT, () -> "expected the finalizer");
      // What anyone who may edit the ConfigMap can write: an entry that is not in its data.
      fx.admin.configMaps().inNamespace(ns).withName("orders").edit(c -> {
        c.getMetadata().getAnnotations().put(CleanupKeys.CLEANUP_STATUS_ANNOTATION, "{\"gone.json\":{\"connector\":"
            + "\"victim\",\"attempts\":0,\"state\":\"recorded\",\"url\":\"http://evil.example:8083\",\"hash\":\"0123456789\"}}");
        return c;
      });
      await(fx.admin.v1().events().inNamespace(ns), events -> events.stream()
          .anyMatch(e -> ConnectorCleanup.LEFT_IN_CONNECT.equals(e.getReason())), WAIT,
          () -> "expected a Warning for the forged entry");
      await(fx.admin.configMaps().inNamespace(ns).withField("metadata.name", "orders"), cms -> cms.size() == 1
          && !String.valueOf(cms.get(0).getMetadata().getAnnotations().get(CleanupKeys.CLEANUP_STATUS_ANNOTATION))
              .contains("victim"), WAIT, () -> "expected the forged entry dropped");
      assertEquals(List.of(), deleteJobs(ns), "expected no delete Job for the forged entry");
      String message = fx.admin.v1().events().inNamespace(ns).list().getItems().stream()
          .filter(e -> ConnectorCleanup.LEFT_IN_CONNECT.equals(e.getReason())).findFirst().orElseThrow().getMessage();
      assertEquals("data[gone.json]: connector victim is not deleted: its recorded URL is not an allowed Connect URL"
          + " (--connect-url-allow)", message, "expected the reason, without the forged URL");
    }
  }

  @Test
  void removingTheDeployLabelRemovesTheFinalizerSoTheConfigMapStaysDeletable() {
    String ns = fx.namespace("cleanup-unlabel");
    fx.store(ns, "orders", connector("orders", 1));
    optIn(ns, "orders");
    try (DeployController controller = fx.controller("cleanup-unlabel", RESYNC)) {
      await(fx.admin.configMaps().inNamespace(ns).withField("metadata.name", "orders"),
          cms -> cms.size() == 1 && hasFinalizer(cms.get(0)), WAIT, () -> "expected the finalizer");
      fx.admin.configMaps().inNamespace(ns).withName("orders").edit(c -> {
        c.getMetadata().getLabels().remove(DeployKeys.DEPLOY_LABEL);
        return c;
      });
      await(fx.admin.configMaps().inNamespace(ns).withField("metadata.name", "orders"),
          cms -> cms.size() == 1 && !hasFinalizer(cms.get(0)), WAIT,
          () -> "expected the finalizer removed once the ConfigMap left the controller's selection");
      fx.admin.configMaps().inNamespace(ns).withName("orders").delete();
      await(fx.admin.configMaps().inNamespace(ns).withField("metadata.name", "orders"), List::isEmpty, WAIT,
          () -> "expected the ConfigMap deleted at once");
      assertEquals(List.of(), deleteJobs(ns), "expected no delete Job for an unmanaged ConfigMap");
    }
  }
}
