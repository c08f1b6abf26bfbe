package io.connectgate.e2e;

import static io.connectgate.connector.ConnectorResourceKind.CONFLUENT_CONNECTOR;
import static io.connectgate.connector.ConnectorResourceKind.STRIMZI_KAFKA_CONNECTOR;
import static io.connectgate.connector.ConnectorResourceKind.STRIMZI_KAFKA_MIRROR_MAKER_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.connectgate.cli.Main;
import io.connectgate.connector.ConnectorResourceKind;
import io.connectgate.kube.ConnectorCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code connectgate audit} against the real kube-apiserver with and without the Strimzi
 * (KafkaConnector, KafkaMirrorMaker2 in v1 only) and Confluent for Kubernetes connector CRDs:
 * what API discovery, generic listing and the API
 * server's 404 for a missing CRD really are, which the mock only imitates. The CRDs are
 * installed and removed by the test that needs them; either test may run first.
 */
@ControlPlaneTest
class AuditConnectorResourcesEndToEndTest {

  private static final Duration CRD_CHANGE = Duration.ofSeconds(60);
  private static final List<ConnectorResourceKind> KINDS =
      List.of(STRIMZI_KAFKA_CONNECTOR, CONFLUENT_CONNECTOR, STRIMZI_KAFKA_MIRROR_MAKER_2);

  private final ControlPlane plane;
  private final KubernetesClient admin;

  AuditConnectorResourcesEndToEndTest(ControlPlane plane) {
    this.plane = plane;
    this.admin = plane.client();
  }

  private record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Run audit(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("audit", "--kubeconfig", plane.kubeconfig().toString()));
    all.addAll(List.of(args));
    var cl = Main.commandLine(all.toArray(String[]::new));
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void withTheCrdsTheBadResourcesFailAndTheGoodConnectorPasses() throws Exception {
    String ns = TestNamespaces.create(admin, "audit-crs", null);
    try {
      for (ConnectorResourceKind kind : KINDS) {
        ConnectorCrds.install(admin, kind);
      }
      for (ConnectorResourceKind kind : KINDS) {
        Poll.until(kind.resource() + " to be served", CRD_CHANGE, Duration.ofMillis(200), () -> listable(kind, ns));
      }
      ConnectorCrds.createResources(admin, ns);
      ConnectorCrds.createMirrorMakers(admin, ns);

      Run run = audit("-n", ns, "--page-size", "1");
      assertEquals(1, run.exitCode(), () -> "mm2-bad has errors: " + run);
      List<String> expected = new ArrayList<>(ConnectorCrds.mm2BadFindings(ns));
      expected.addAll(ConnectorCrds.mirrorBadFindings(ns));
      expected.add("audited 0 ConfigMaps, 1 KafkaConnectors, 1 Connectors, 1 KafkaMirrorMaker2s in namespace "
          + ns + " (4 pages): 4 connectors, 3 errors, 2 warnings");
      assertEquals(expected, run.out().lines().toList(),
          () -> "mm2-bad's and mirror-bad's findings, none of cfk-good's: " + run);
      assertEquals("", run.err(), () -> "nothing on stderr: " + run);
      assertFalse(run.out().contains(ConnectorCrds.SECRET), () -> "no secret: " + run);

      Run json = audit("-n", ns, "-o", "json");
      assertEquals("{\"connectors\":4,\"errors\":3,\"warnings\":2,\"unlisted\":0,\"configMaps\":0,\"kafkaConnectors\":1,"
          + "\"confluentConnectors\":1,\"kafkaMirrorMaker2s\":1,\"pages\":4,\"scope\":\"namespace " + ns + "\","
          + "\"resources\":[\"configmaps\",\"kafkaconnectors\",\"connectors\",\"kafkamirrormaker2s\"],"
          + "\"notInstalled\":[]}",
          JsonMapper.builder().build().readTree(json.out()).get("summary").toString(), json::toString);
    } finally {
      uninstall();
    }
  }

  @Test
  void withoutTheCrdsConfigMapsAreAuditedAndTheSummarySaysWhatIsMissing() {
    for (ConnectorResourceKind kind : KINDS) {
      Poll.until("no " + kind.group() + " served (a CRD left by another test?)", CRD_CHANGE,
          Duration.ofMillis(200), () -> admin.getApiGroup(kind.group()) == null ? null : "still served");
    }
    String ns = TestNamespaces.create(admin, "audit-no-crds", null);
    try {
      admin.configMaps().inNamespace(ns).resource(ConnectorConfigMaps.connector(ns, "replicator",
          ConnectorConfigMaps.replicator())).create();

      Run run = audit("-n", ns);
      assertEquals(0, run.exitCode(), () -> "a clean ConfigMap, and missing CRDs fail nothing: " + run);
      assertEquals("audited 1 ConfigMaps in namespace " + ns + " (1 pages): 1 connectors, 0 errors, 0 warnings;"
          + " KafkaConnector (kafka.strimzi.io): not installed; Connector (platform.confluent.io): not installed;"
          + " KafkaMirrorMaker2 (kafka.strimzi.io): not installed\n", run.out());
      assertEquals("", run.err(), () -> "not installed is no warning: " + run);

      admin.configMaps().inNamespace(ns).resource(ConnectorConfigMaps.connector(ns, "bad",
          ConnectorConfigMaps.replicator(Map.of("tasks.max", "0")))).create();
      Run bad = audit("-n", ns);
      assertEquals(1, bad.exitCode(), () -> "a bad ConfigMap still fails the audit: " + bad);
    } finally {
      // The namespace stays (nothing here finishes deleting one: TestNamespaces); its content goes.
      admin.configMaps().inNamespace(ns).withLabel(ConnectorConfigMaps.LABEL).delete();
    }
  }

  /**
   * Null once {@code kind} can be listed in {@code ns} in one of the versions connectgate reads
   * (the test CRDs serve one each), else what the API said.
   */
  private String listable(ConnectorResourceKind kind, String ns) {
    String said = "no version";
    for (String version : kind.versions()) {
      try {
        admin.genericKubernetesResources(kind.group() + "/" + version, kind.kind()).inNamespace(ns).list();
        return admin.getApiGroup(kind.group()) == null ? "not in discovery yet" : null;
      } catch (KubernetesClientException e) {
        said = "HTTP " + e.getCode() + " for " + version;
      }
    }
    return said;
  }

  /**
   * Removes the CRDs this class created, and with them their resources (the API server deletes
   * a CRD's objects before the CRD), and waits until discovery forgets them.
   */
  private void uninstall() {
    for (ConnectorResourceKind kind : KINDS) {
      admin.apiextensions().v1().customResourceDefinitions().withName(kind.resource()).delete();
    }
    for (ConnectorResourceKind kind : KINDS) {
      Poll.until(kind.resource() + " removed", CRD_CHANGE, Duration.ofMillis(200), () ->
          admin.apiextensions().v1().customResourceDefinitions().withName(kind.resource()).get() == null
              && admin.getApiGroup(kind.group()) == null ? null : "still there");
    }
  }
}
