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
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** {@code validate} through the real entry point: exit codes, inputs and output formats. */
class ValidateCommandTest {

  static final Path EXAMPLE = Path.of("src/test/resources/manifests/example-chart.yaml");
  static final Path CORPUS = TestCatalogs.schemasDir().resolve("tests/replicator");
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void exampleChartIsValidWithOnlyCredentialWarnings() {
    CliRun r = CliRun.run("validate", EXAMPLE.toString());
    assertEquals(0, r.exitCode(), () -> "warnings only: exit 0; " + r);
    List<String> lines = findingLines(r);
    // src.kafka and dest.kafka; the interceptors' copies of src.kafka's JAAS are not repeated.
    assertEquals(2, lines.size(), () -> "one line per JAAS setting the user wrote; " + r);
    // Lines 25 and 40 of the file hold the two settings inside the |- block, at column 9.
    assertTrue(lines.get(0).startsWith(EXAMPLE + ":25:9: default/replicator-connector"
        + " data[replicator-connector.json] /config/src.kafka.sasl.jaas.config: WARNING ")
        && lines.get(1).startsWith(EXAMPLE + ":40:9: default/replicator-connector"
        + " data[replicator-connector.json] /config/dest.kafka.sasl.jaas.config: WARNING "),
        () -> "CI-readable lines with file:line:column ns/name data[key] pointer; " + r);
    assertTrue(lines.stream().allMatch(l -> l.endsWith("(plaintextCredentials)")),
        () -> "the rule once, at the end; " + r);
    assertEquals("checked 1 file: 1 connector, 0 errors, 2 warnings",
        r.out().lines().reduce((a, b) -> b).orElse(""), () -> "a summary line last; " + r);
  }

  @Test
  void errorsExitOneAndEveryFindingIsListed() {
    CliRun r = CliRun.run("validate", CORPUS.resolve("invalid-schema-types-ranges-enums.json")
        .toString());
    assertEquals(1, r.exitCode(), () -> "errors: exit 1; " + r);
    assertEquals(13, findingLines(r).size(), () -> "all 13 errors, not only the first; " + r);
  }

  @Test
  void missingFileIsAnIoErrorNotAViolation() {
    CliRun r = CliRun.run("validate", EXAMPLE.toString(), "does-not-exist.yaml");
    assertEquals(2, r.exitCode(), () -> "missing file: exit 2; " + r);
    assertTrue(r.err().contains("does-not-exist.yaml: no such file"),
        () -> "stderr names the missing file; " + r);
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, CliRun.run("validate").exitCode(), "no PATH is a usage error");
    assertEquals(2, CliRun.run("validate", "-o", "xml", "x").exitCode(), "bad -o is a usage error");
    CliRun help = CliRun.run("validate", "--help");
    assertEquals(0, help.exitCode(), "--help exits 0");
    assertTrue(help.out().contains("Exit codes"), () -> "help explains exit codes; " + help);
  }

  @Test
  void stdinMultiDocumentHelmTemplateOutput() throws IOException {
    String helm = Files.readString(EXAMPLE) + """
        ---
        # Source: other/templates/empty.yaml
        ---
        # Source: replicator-cc/templates/broken.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: broken
          namespace: prod
          labels: {connectgate.io/connector: "true"}
        data:
          replicator-connector.json: '{"name": "b", "config": {"connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector", "topic.whitelist": "a"}}'
        """;
    CliRun r = CliRun.withStdin(helm, "validate", "-");
    assertEquals(1, r.exitCode(), () -> "the broken ConfigMap has an error; " + r);
    // A single-quoted data value: the finding is placed where the value starts.
    List<String> helmLines = helm.lines().toList();
    int line = 0;
    for (int i = 0; i < helmLines.size(); i++) {
      if (helmLines.get(i).startsWith("  replicator-connector.json: '")) {
        line = i + 1;
      }
    }
    int column = "  replicator-connector.json: '".length();
    String expected = "<stdin>:" + line + ":" + column + ": prod/broken data[replicator-connector.json]"
        + " /config/src.kafka.bootstrap.servers: ERROR";
    assertTrue(r.out().contains(expected),
        () -> "the broken document's value (Job in between), missing bootstrap servers: "
            + expected + "; " + r);
  }

  @Test
  void listObjectsAndJsonOutput() {
    CliRun r = CliRun.run("validate", "-o", "json",
        CORPUS.resolve("configmap-unlabelled-connector.yaml").toString(),
        CORPUS.resolve("valid-minimal.json").toString());
    assertEquals(1, r.exitCode(), () -> "duplicate key in a List item: exit 1; " + r);
    JsonNode report = JSON.readTree(r.out());
    assertEquals(2, report.path("summary").path("files").asInt(), "files in summary");
    assertEquals(3, report.path("summary").path("connectors").asInt(),
        "two connectors in the List, one bare file");
    assertEquals(1, report.path("summary").path("errors").asInt(), "one error");
    JsonNode f = report.path("findings").path(0);
    assertEquals("duplicate-key", f.path("rule").asString(), "rule field");
    assertEquals("team-a", f.path("namespace").asString(), "namespace field");
    assertEquals("flat-connector", f.path("name").asString(), "name field");
    assertEquals("connector.json", f.path("dataKey").asString(), "dataKey field");
    assertEquals("/topic.whitelist", f.path("pointer").asString(), "pointer field");
    assertEquals("ERROR", f.path("severity").asString(), "severity field");
    assertTrue(f.path("message").asString().contains("line 3"), "message names the line");
  }

  @Test
  void cleanInputExitsZeroWithNoOutput() {
    CliRun r = CliRun.run("validate", CORPUS.resolve("valid-minimal.json").toString(),
        CORPUS.resolve("configmap-unlabelled-unrelated.yaml").toString());
    assertEquals(0, r.exitCode(), () -> "clean: exit 0; " + r);
    assertEquals("checked 2 files: 1 connector, 0 errors, 0 warnings" + System.lineSeparator(),
        r.out(), "nothing to report but the summary");
  }

  @Test
  void schemasOptionReplacesTheCatalogAndBadSchemasExitTwo() throws IOException {
    Files.writeString(dir.resolve("a.schema.json"), """
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "x-connectgate-claims": ["x.Y"], "x-connectgate-rules": ["no-such-rule"]}""");
    Files.writeString(dir.resolve("b.schema.json"), """
        {"x-connectgate-claims": ["x.Y"], "x-connectgate-prefixes": {"p.": "#/$defs/missing"}}""");
    CliRun r = CliRun.run("validate", "--schemas", dir.toString(), EXAMPLE.toString());
    assertEquals(2, r.exitCode(), () -> "broken catalog: exit 2; " + r);
    assertTrue(r.err().contains("no-such-rule") && r.err().contains("already claimed")
        && r.err().contains("#/$defs/missing"), () -> "every problem listed at once; " + r);
  }

  /** The finding lines of a text report (the summary line left out). */
  static List<String> findingLines(CliRun r) {
    return r.out().lines().filter(l -> !l.startsWith("checked ")).toList();
  }
}
