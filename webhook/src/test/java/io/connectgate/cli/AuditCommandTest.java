package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.kube.CrdAwareDispatcher;
import io.connectgate.kube.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code audit} through the real entry point against Fabric8's mock API server in CRUD mode
 * (paging like the real API server), reached through a kubeconfig as kubectl would.
 */
class AuditCommandTest {

  private static final String SECRET = "Audit-S3cret-Value!";
  private static final String GOOD = """
      {"name": "good", "config": {
        "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
        "topic.whitelist": "orders", "tasks.max": "4",
        "src.kafka.bootstrap.servers": "kafka:9071", "dest.kafka.bootstrap.servers": "dest:9092"}}""";
  private static final String BAD = """
      {"name": "bad", "config": {
        "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
        "topic.regex": "orders[",
        "src.kafka.bootstrap.servers": "kafka:9071",
        "src.kafka.security.protocol": "SASL_SSL", "src.kafka.sasl.mechanism": "PLAIN",
        "src.kafka.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"u\\" password=\\"%s\\";"}}"""
      .formatted(SECRET);

  private static MockApiServer api; // no connector CRDs: AuditConnectorResourcesTest has them
  private static CrdAwareDispatcher dispatcher;
  private static KubernetesClient client;
  @TempDir static Path dir;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    api = new MockApiServer();
    dispatcher = api.dispatcher;
    client = api.client;
    create("team-good", "good", Map.of("connectgate.io/connector", "true"), Map.of("c.json", GOOD));
    create("team-bad", "bad", Map.of(), Map.of("replicator.json", BAD));
    for (int i = 0; i < 5; i++) { // unrelated ConfigMaps, so the walk spans several pages
      create(i % 2 == 0 ? "team-good" : "team-bad", "unrelated-" + i, Map.of(),
          Map.of("settings.json", "{\"a\": 1}", "x", "y"));
    }
    kubeconfig = api.kubeconfig(dir, "team-good");
  }

  private static void create(String ns, String name, Map<String, String> labels, Map<String, String> data) {
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
        .withData(data).build()).create();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void allNamespacesReportsEveryViolationPageByPageAndNoSecret() throws Exception {
    int before = dispatcher.crud.listRequests.size();
    CliRun run = CliRun.run("audit", "-A", "--kubeconfig", kubeconfig.toString(),
        "--page-size", "2", "-o", "json");
    assertEquals(1, run.exitCode(), "violations exit 1: " + run);
    assertFalse(run.out().contains(SECRET) || run.err().contains(SECRET), "no secret in output: " + run);
    JsonNode report = JsonMapper.builder().build().readTree(run.out());
    assertEquals(7, report.at("/summary/configMaps").asInt(), "every ConfigMap walked: " + run.out());
    assertEquals(4, report.at("/summary/pages").asInt(), "7 ConfigMaps in pages of 2");
    assertEquals(4, dispatcher.crud.listRequests.size() - before, "one list request per page");
    assertEquals(2, report.at("/summary/connectors").asInt(), "the two connectors, not the unrelated JSON");
    assertEquals("[\"kafkaconnectors\",\"connectors\",\"kafkamirrormaker2s\"]",
        report.at("/summary/notInstalled").toString(), "no connector CRD is installed");
    boolean regexError = false;
    for (JsonNode f : report.get("findings")) {
      assertEquals("team-bad", f.get("namespace").asString(), "only the bad connector has findings: " + f);
      regexError |= f.get("rule").asString().equals("topic-regex") && f.get("severity").asString().equals("ERROR");
    }
    assertTrue(regexError, "the uncompilable topic.regex is reported: " + run.out());
  }

  @Test
  void defaultNamespaceIsTheContextsAndCleanExitsZero() {
    CliRun run = CliRun.run("audit", "--kubeconfig", kubeconfig.toString());
    assertEquals(0, run.exitCode(), "team-good is clean: " + run);
    assertEquals("audited 4 ConfigMaps in namespace team-good (1 pages): 1 connectors, 0 errors, 0 warnings;"
        + " KafkaConnector (kafka.strimzi.io): not installed; Connector (platform.confluent.io): not installed;"
        + " KafkaMirrorMaker2 (kafka.strimzi.io): not installed\n",
        run.out());
  }

  @Test
  void policyAppliesToTheClusterAudit() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, """
        apiVersion: connectgate.io/v1
        kind: ConnectorPolicy
        rules:
          maxTasks: {action: deny, max: 2}
        """);
    CliRun run = CliRun.run("audit", "-n", "team-good", "--kubeconfig", kubeconfig.toString(),
        "--policy", policy.toString());
    assertEquals(1, run.exitCode(), "tasks.max 4 over the policy's 2: " + run);
    assertTrue(run.out().contains("team-good/good data[c.json] /config/tasks.max: ERROR tasks.max is 4;")
        && run.out().contains("(maxTasks)"), run.out());
  }

  @Test
  void apiAndUsageErrorsExitTwo() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Path unreachable = dir.resolve("unreachable");
    Files.writeString(unreachable, Files.readString(kubeconfig)
        .replace(client.getMasterUrl().toString(), "http://127.0.0.1:" + closedPort + "/"));
    CliRun down = CliRun.run("audit", "-A", "--kubeconfig", unreachable.toString());
    assertEquals(2, down.exitCode(), "unreachable API: " + down);
    assertTrue(down.err().startsWith("audit: cannot reach the Kubernetes API: ") && down.err().contains("Connection refused"),
        "says why: " + down.err());
    assertEquals(2, CliRun.run("audit", "-A", "-n", "x", "--kubeconfig", kubeconfig.toString()).exitCode(),
        "-A with -n is a usage error");
    assertEquals(2, CliRun.run("audit", "--kubeconfig", dir.resolve("missing").toString()).exitCode(),
        "missing kubeconfig");
  }
}
