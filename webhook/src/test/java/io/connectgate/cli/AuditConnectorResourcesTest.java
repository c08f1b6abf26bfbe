package io.connectgate.cli;

import static io.connectgate.connector.ConnectorResourceKind.CONFLUENT_CONNECTOR;
import static io.connectgate.connector.ConnectorResourceKind.STRIMZI_KAFKA_CONNECTOR;
import static io.connectgate.connector.ConnectorResourceKind.STRIMZI_KAFKA_MIRROR_MAKER_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.kube.ConnectorCrds;
import io.connectgate.kube.CrdAwareDispatcher;
import io.connectgate.kube.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code audit} over Strimzi KafkaConnectors and KafkaMirrorMaker2s and Confluent Connectors, through the real entry
 * point against Fabric8's mock API server made to discover, page and refuse as the real one
 * does ({@link CrdAwareDispatcher}); a fresh server per test, so each decides which CRDs exist.
 */
class AuditConnectorResourcesTest {

  private final MockApiServer api = new MockApiServer(); // one per test: JUnit makes an instance each
  private final CrdAwareDispatcher dispatcher = api.dispatcher;
  private final KubernetesClient client = api.client;
  @TempDir Path dir;
  private Path kubeconfig;

  @BeforeEach
  void start() throws Exception {
    kubeconfig = api.kubeconfig(dir, "kafka");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private void installAll() {
    ConnectorCrds.install(client, STRIMZI_KAFKA_CONNECTOR);
    ConnectorCrds.install(client, CONFLUENT_CONNECTOR);
    ConnectorCrds.install(client, STRIMZI_KAFKA_MIRROR_MAKER_2);
    ConnectorCrds.createResources(client, "kafka");
    ConnectorCrds.createMirrorMakers(client, "kafka");
  }

  private static final String SECRET = ConnectorCrds.SECRET;

  @Test
  void everyKindIsAuditedByDefaultWithFindingsNamingKindNamespaceAndName() {
    installAll();
    CliRun run = CliRun.run("audit", "--kubeconfig", kubeconfig.toString(), "--page-size", "1");
    assertEquals(1, run.exitCode(), () -> "mm2-bad has errors: " + run);
    List<String> expected = new ArrayList<>(ConnectorCrds.mm2BadFindings("kafka"));
    expected.addAll(ConnectorCrds.mirrorBadFindings("kafka"));
    expected.add("audited 0 ConfigMaps, 1 KafkaConnectors, 1 Connectors, 1 KafkaMirrorMaker2s in namespace"
        + " kafka (4 pages): 4 connectors, 3 errors, 2 warnings");
    assertEquals(expected, run.out().lines().toList(),
        () -> "every finding of mm2-bad and mirror-bad (its 2 connectors), none of cfk-good: " + run);
    assertFalse(run.out().contains(SECRET) || run.err().contains(SECRET), () -> "no secret: " + run);
  }

  @Test
  void theJsonSummaryCountsEachKindAndEveryFindingNamesItsKind() throws Exception {
    installAll();
    CliRun run = CliRun.run("audit", "--kubeconfig", kubeconfig.toString(), "-o", "json");
    assertEquals(1, run.exitCode(), () -> "mm2-bad has errors: " + run);
    assertFalse(run.out().contains(SECRET), () -> "no secret: " + run);
    JsonNode report = JsonMapper.builder().build().readTree(run.out());
    assertEquals("{\"connectors\":4,\"errors\":3,\"warnings\":2,\"unlisted\":0,\"configMaps\":0,\"kafkaConnectors\":1,"
        + "\"confluentConnectors\":1,\"kafkaMirrorMaker2s\":1,\"pages\":4,\"scope\":\"namespace kafka\","
        + "\"resources\":[\"configmaps\",\"kafkaconnectors\",\"connectors\",\"kafkamirrormaker2s\"],"
        + "\"notInstalled\":[]}",
        report.get("summary").toString());
    List<String> located = new ArrayList<>();
    report.get("findings").forEach(f -> located.add(f.get("kind").asString() + " " + f.get("namespace").asString()
        + "/" + f.get("name").asString() + " " + f.get("pointer").asString() + " " + f.get("rule").asString()));
    assertEquals(List.of(
        "KafkaConnector kafka/mm2-bad /spec/config/tasks.max forbidden-key",
        "KafkaConnector kafka/mm2-bad /spec/config/offset.lag.max schema",
        "KafkaConnector kafka/mm2-bad /spec/config/source.cluster.sasl.jaas.config plaintextCredentials",
        "KafkaMirrorMaker2 kafka/mirror-bad /spec/mirrors/0/sourceConnector/config/offset.lag.max schema",
        "KafkaMirrorMaker2 kafka/mirror-bad /spec/mirrors/0/source/config/sasl.jaas.config plaintextCredentials"),
        located);
  }

  @Test
  void aKindWithoutItsCrdIsNamedInTheSummaryAndChangesNoExitCode() throws Exception {
    ConnectorCrds.install(client, CONFLUENT_CONNECTOR);
    CliRun run = CliRun.run("audit", "--kubeconfig", kubeconfig.toString());
    assertEquals(0, run.exitCode(), () -> "nothing wrong: " + run);
    assertEquals("audited 0 ConfigMaps, 0 Connectors in namespace kafka (2 pages): 0 connectors, 0 errors,"
        + " 0 warnings; KafkaConnector (kafka.strimzi.io): not installed; KafkaMirrorMaker2"
        + " (kafka.strimzi.io): not installed\n", run.out());
    assertEquals("", run.err(), "not installed is no warning");
    CliRun json = CliRun.run("audit", "--kubeconfig", kubeconfig.toString(), "-o", "json");
    assertEquals("[\"kafkaconnectors\",\"kafkamirrormaker2s\"]",
        JsonMapper.builder().build().readTree(json.out()).at("/summary/notInstalled").toString(), json.out());
  }

  @Test
  void resourcesPicksWhatIsListed() {
    installAll();
    CliRun run = CliRun.run("audit", "--kubeconfig", kubeconfig.toString(), "--resources", "configmaps,connectors");
    assertEquals(0, run.exitCode(), () -> "the bad KafkaConnector is not audited: " + run);
    assertEquals("audited 0 ConfigMaps, 1 Connectors in namespace kafka (2 pages): 1 connectors, 0 errors,"
        + " 0 warnings\n", run.out());
    assertTrue(dispatcher.crud.listRequests.stream().noneMatch(p -> p.contains("kafkaconnectors")
        || p.contains("kafkamirrormaker2s")), "KafkaConnectors and KafkaMirrorMaker2s not even listed: "
        + dispatcher.crud.listRequests);

    CliRun only = CliRun.run("audit", "--kubeconfig", kubeconfig.toString(), "--resources=kafkaconnectors");
    assertEquals(1, only.exitCode(), () -> "only the bad KafkaConnector: " + only);
    assertTrue(only.out().endsWith("audited 1 KafkaConnectors in namespace kafka (1 pages): 1 connectors,"
        + " 2 errors, 1 warnings\n"), only.out());

    CliRun typo = CliRun.run("audit", "--kubeconfig", kubeconfig.toString(), "--resources", "configmaps,kafkaconnector");
    assertEquals(2, typo.exitCode(), () -> "usage error: " + typo);
    assertTrue(typo.err().contains("expected one of [configmaps, kafkaconnectors, connectors, kafkamirrormaker2s]"),
        typo.err());

    CliRun mirrors = CliRun.run("audit", "--kubeconfig", kubeconfig.toString(), "--resources=kafkamirrormaker2s");
    assertEquals(1, mirrors.exitCode(), () -> "only the bad KafkaMirrorMaker2: " + mirrors);
    List<String> expected = new ArrayList<>(ConnectorCrds.mirrorBadFindings("kafka"));
    expected.add("audited 1 KafkaMirrorMaker2s in namespace kafka (1 pages): 2 connectors, 1 errors, 1 warnings");
    assertEquals(expected, mirrors.out().lines().toList(), mirrors::toString);
    assertTrue(dispatcher.crud.listRequests.stream().anyMatch(p -> p.startsWith(
        "/apis/kafka.strimzi.io/v1/namespaces/kafka/kafkamirrormaker2s?")), () -> "the version served: "
        + dispatcher.crud.listRequests);
    assertFalse(mirrors.out().contains(SECRET) || mirrors.err().contains(SECRET), () -> "no secret: " + mirrors);
  }

  @Test
  void aRefusedListExitsTwoNamingWhatToGrantOrLeaveOut() {
    installAll();
    dispatcher.forbid("kafkaconnectors");
    CliRun run = CliRun.run("audit", "-A", "--kubeconfig", kubeconfig.toString());
    assertEquals(2, run.exitCode(), () -> "an API error: " + run);
    assertEquals("", run.out(), "no partial report");
    assertEquals("audit: cannot list kafkaconnectors.kafka.strimzi.io in all namespaces: RBAC needs the verb list"
        + " on resource kafkaconnectors in API group kafka.strimzi.io (Kubernetes API error 403:"
        + " kafkaconnectors.kafka.strimzi.io is forbidden: User \"system:serviceaccount:connectgate:connectgate-audit\""
        + " cannot list resource \"kafkaconnectors\" in API group \"kafka.strimzi.io\" at the cluster scope);"
        + " to audit the others only: --resources configmaps,connectors,kafkamirrormaker2s\n", run.err());

    CliRun alone = CliRun.run("audit", "--kubeconfig", kubeconfig.toString(), "--resources", "kafkaconnectors");
    assertEquals(2, alone.exitCode(), () -> "an API error: " + alone);
    assertTrue(alone.err().endsWith("in the namespace \"kafka\")\n"), () -> "no other kind to suggest: " + alone.err());

    dispatcher.forbid("kafkamirrormaker2s");
    CliRun mirrors = CliRun.run("audit", "--kubeconfig", kubeconfig.toString(),
        "--resources", "configmaps,kafkamirrormaker2s");
    assertEquals(2, mirrors.exitCode(), () -> "an API error: " + mirrors);
    assertTrue(mirrors.err().startsWith("audit: cannot list kafkamirrormaker2s.kafka.strimzi.io in namespace"
        + " kafka: RBAC needs the verb list on resource kafkamirrormaker2s in API group kafka.strimzi.io")
        && mirrors.err().endsWith("; to audit the others only: --resources configmaps\n"), mirrors::toString);
  }
}
