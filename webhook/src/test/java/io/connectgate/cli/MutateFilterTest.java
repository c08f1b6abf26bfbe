package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.Review;
import io.connectgate.validation.TestCatalogs;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code mutate} as a Helm post-renderer / stdin-to-stdout filter: stdout is only YAML; every
 * document that is not a connector ConfigMap needing defaults is copied byte for byte; the
 * mutated ConfigMap equals the webhook's own patch applied with zjsonpatch; findings go to
 * stderr; only deny-level findings make it fail; its output passes through unchanged.
 */
class MutateFilterTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  static final String HEAD = """
      ---
      # Source: chart/templates/service.yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: "svc"   # a comment kept
        labels: {app: x, version: '1.0'}
      spec:
        ports: [{port: 80, targetPort: 8080}]
      ---
      # Source: chart/templates/configmap.yaml
      """;
  static final String CONNECTOR_CM = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: replicator
        namespace: prod
        labels:
          connectgate.io/connector: "true"
      data:
        replicator.json: |
          {"name": "r", "config": {
            "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
            "topic.whitelist": "a", "src.kafka.bootstrap.servers": "kafka:9071",
            "src.kafka.security.protocol": "SASL_PLAINTEXT", "src.kafka.sasl.mechanism": "PLAIN",
            "src.kafka.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"u\\" password=\\"p4ss\\";"}}
      """;
  static final String TAIL = """
      ---
      # Source: chart/templates/job.yaml
      apiVersion: batch/v1
      kind: Job
      metadata: {name: "job"}
      spec:
        template:
          spec:
            containers:
              - name: c
                image: curl   # trailing comment
            restartPolicy: Never
      """;

  @TempDir Path dir;

  @Test
  void otherDocumentsAreCopiedByteForByteAndTheConnectorAsTheWebhookPatchesIt() {
    String input = HEAD + CONNECTOR_CM + TAIL;
    CliRun r = CliRun.withStdin(input, "mutate", "-");
    assertEquals(0, r.exitCode(), () -> "warnings only: exit 0; " + r);
    assertTrue(r.out().startsWith(HEAD), () -> "everything before the ConfigMap unchanged; " + r);
    assertTrue(r.out().endsWith(TAIL), () -> "everything after it unchanged; " + r);
    String mutatedText = r.out().substring(HEAD.length(), r.out().length() - TAIL.length());
    JsonNode mutated = YAML.readTree(mutatedText);

    JsonNode original = YAML.readTree(CONNECTOR_CM);
    Review review = new EngineReviewer(TestCatalogs.repository()).review(original, "prod", "replicator", true);
    assertTrue(review.patch() != null && review.patch().size() > 0, "the webhook would patch it");
    JsonNode expected = JsonPatch.apply(review.patch(), original);
    assertEquals(expected, mutated, "exactly the webhook's patch applied");

    assertFalse(r.out().contains("plaintextCredentials") || r.out().contains("WARNING"),
        () -> "stdout carries only YAML; " + r);
    assertTrue(r.err().contains("(plaintextCredentials)"), () -> "findings on stderr; " + r);
    assertEquals(3, readAll(r.out()).size(), () -> "three YAML documents; " + r);

    CliRun again = CliRun.withStdin(r.out(), "mutate", "-");
    assertEquals(0, again.exitCode(), () -> "second run: exit 0; " + again);
    assertEquals(r.out(), again.out(), "mutating the output changes nothing, byte for byte");
  }

  @Test
  void nothingToMutateIsTheInputItself() {
    String input = HEAD + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {a: b}\n" + TAIL;
    CliRun r = CliRun.withStdin(input, "mutate", "-");
    assertEquals(0, r.exitCode(), () -> "exit 0; " + r);
    assertEquals(input, r.out(), "unchanged, byte for byte");
  }

  @Test
  void emptyInputIsEmptyOutput() {
    CliRun r = CliRun.withStdin("", "mutate", "-");
    assertEquals(0, r.exitCode(), () -> "a chart that renders nothing: exit 0; " + r);
    assertEquals("", r.out(), "nothing in, nothing out");
    assertTrue(r.err().contains("stdin: empty input"), () -> "said on stderr; " + r);
  }

  @Test
  void denyLevelFindingsFailAndPrintNothing() {
    String bad = CONNECTOR_CM.replace("\"topic.whitelist\": \"a\", ", "\"topic.regex\": \"(\", ");
    CliRun r = CliRun.withStdin(HEAD + bad + TAIL, "mutate", "-");
    assertEquals(1, r.exitCode(), () -> "an error the webhook would deny: exit 1; " + r);
    assertEquals("", r.out(), "nothing on stdout");
    assertTrue(r.err().contains("ERROR") && r.err().contains("nothing printed"), () -> "said on stderr; " + r);
  }

  @Test
  void severalInputsAreOneStream() throws IOException {
    Path a = dir.resolve("a.yaml");
    Path b = dir.resolve("b.yaml");
    Files.writeString(a, CONNECTOR_CM);
    Files.writeString(b, TAIL.substring("---\n".length()));
    CliRun r = CliRun.run("mutate", "-o", "json", a.toString(), b.toString());
    assertEquals(0, r.exitCode(), () -> "exit 0; " + r);
    List<JsonNode> docs = readAll(r.out());
    assertEquals(List.of("ConfigMap", "Job"), docs.stream().map(d -> d.path("kind").asString()).toList(),
        () -> "both files, in order; " + r);
    assertTrue(r.out().endsWith(Files.readString(b)), () -> "the second file unchanged; " + r);
    assertTrue(r.err().contains("\"warnings\" : 1"), () -> "-o json findings on stderr; " + r);
  }

  private static List<JsonNode> readAll(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        JsonNode d = it.nextValue();
        if (d != null && !d.isNull() && !d.isEmpty()) {
          docs.add(d);
        }
      }
    }
    return docs;
  }
}
