package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.validation.TestCatalogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code mutate} through the real entry point. */
class MutateCommandTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String BYTES = "io.confluent.connect.replicator.util.ByteArrayConverter";

  @TempDir Path dir;

  @Test
  void yamlInYamlOutWithDefaultsAndIdempotent() throws IOException {
    String input = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: r
          namespace: default
          labels:
            connectgate.io/connector: "true"
            replicas: "3"
        data:
          replicator-connector.json: |
            {"name": "r", "config": {
              "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
              "topic.whitelist": "a", "src.kafka.bootstrap.servers": "kafka:9071"}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: other}
        """;
    CliRun r = CliRun.withStdin(input, "mutate", "-");
    assertEquals(0, r.exitCode(), () -> "mutated: exit 0; " + r);
    List<JsonNode> docs = readYaml(r.out());
    assertEquals(2, docs.size(), () -> "both documents printed; " + r);
    JsonNode cm = docs.get(0);
    assertEquals("true", cm.path("metadata").path("labels").path("connectgate.io/connector")
        .asString(), "label stays a string");
    assertTrue(cm.path("metadata").path("labels").path("replicas").isString(),
        "numeric-looking strings stay strings");
    JsonNode config = JSON.readTree(cm.path("data").path("replicator-connector.json").asString())
        .path("config");
    assertEquals(BYTES, config.path("value.converter").asString(), "default injected");
    assertEquals("kafka:9071", config.path(
        "src.consumer.confluent.monitoring.interceptor.bootstrap.servers").asString(),
        "derived setting injected");
    assertTrue(cm.path("metadata").path("annotations").has("connectgate.io/injected"),
        "annotation recorded");
    assertEquals("Service", docs.get(1).path("kind").asString(), "other documents kept");

    CliRun again = CliRun.withStdin(r.out(), "mutate", "-");
    assertEquals(0, again.exitCode(), () -> "second run: exit 0; " + again);
    assertEquals(readYaml(r.out()), readYaml(again.out()), "mutating the output changes nothing");
  }

  @Test
  void monitoringTargetAnnotationChoosesTheDestinationCluster() throws IOException {
    String input = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: r
          annotations:
            connectgate.io/monitoring-target: destination
        data:
          r.json: |
            {"name": "r", "config": {
              "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
              "topic.regex": ".*", "src.kafka.bootstrap.servers": "src:9092",
              "dest.kafka.bootstrap.servers": "dest:9093", "dest.kafka.security.protocol": "SSL"}}
        """;
    CliRun r = CliRun.withStdin(input, "mutate", "-");
    assertEquals(0, r.exitCode(), () -> "mutated: exit 0; " + r);
    JsonNode config = JSON.readTree(readYaml(r.out()).get(0).path("data").path("r.json")
        .asString()).path("config");
    assertEquals("dest:9093", config.path(
        "src.consumer.confluent.monitoring.interceptor.bootstrap.servers").asString(),
        "the annotation sends monitoring data to the destination cluster");
    assertEquals("SSL", config.path(
        "src.kafka.timestamps.producer.confluent.monitoring.interceptor.security.protocol")
        .asString(), "the destination's security is copied");
  }

  @Test
  void jsonListInJsonOut() throws IOException {
    Path file = dir.resolve("list.json");
    Files.writeString(file, """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"},
           "data": {"c.json": "{\\"connector.class\\": \\"io.confluent.connect.replicator.ReplicatorSourceConnector\\", \\"src.kafka.bootstrap.servers\\": \\"k:1\\", \\"topic.regex\\": \\"a.*\\"}"}}]}
        """);
    CliRun r = CliRun.run("mutate", file.toString());
    assertEquals(0, r.exitCode(), () -> "exit 0; " + r);
    JsonNode out = JSON.readTree(r.out());
    JsonNode flat = JSON.readTree(out.path("items").path(0).path("data").path("c.json").asString());
    assertEquals(BYTES, flat.path("key.converter").asString(), "default in the List item");
  }

  @Test
  void bareConnectorFileGivesConnectorJson() throws IOException {
    Path file = dir.resolve("c.json");
    Files.writeString(file, """
        {"name": "r", "config": {"connector.class":
         "io.confluent.connect.replicator.ReplicatorSourceConnector",
         "src.kafka.bootstrap.servers": "k:1", "topic.whitelist": "a"}}""");
    CliRun r = CliRun.run("mutate", file.toString());
    assertEquals(0, r.exitCode(), () -> "exit 0; " + r);
    JsonNode doc = JSON.readTree(r.out());
    assertEquals("r", doc.path("name").asString(), "POST shape kept");
    assertEquals(BYTES, doc.path("config").path("key.converter").asString(), "default injected");
  }

  @Test
  void errorsExitOneAndMissingFilesExitTwo() {
    CliRun bad = CliRun.run("mutate", TestCatalogs.schemasDir()
        .resolve("tests/replicator/invalid-topic-regex.json").toString());
    assertEquals(1, bad.exitCode(), () -> "document with errors (deny-level): exit 1; " + bad);
    assertEquals("", bad.out(), "nothing printed on stdout");
    assertTrue(bad.err().contains("(topic-regex)"), () -> "findings on stderr; " + bad);
    CliRun missing = CliRun.run("mutate", "nope.yaml");
    assertEquals(2, missing.exitCode(), () -> "missing file: exit 2; " + missing);
    assertTrue(CliRun.run("mutate", "--help").out().contains("idempot")
        || CliRun.run("mutate", "--help").out().contains("changes nothing"),
        "help explains idempotence");
  }

  private static List<JsonNode> readYaml(String text) {
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      return it.readAll();
    }
  }
}
