package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What validate reads and how it says it could not: directories, stdin, Lists, JSON manifests,
 * empty input and non-manifests (exit 2), no connector (said; exit 1 with
 * --require-connectors), YAML syntax errors (rule yaml-syntax), and the command line itself
 * (--version everywhere, short usage errors, no "null" in serve --help).
 */
class ValidateInputsTest {

  static final String BAD_CM = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: %s, namespace: team}
      data:
        connector.json: |
          {"name": "x", "config": {
            "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
            "topic.whitelist": "a"}}
      """;

  @TempDir Path dir;

  @Test
  void directoriesAreReadRecursively() throws IOException {
    Files.createDirectories(dir.resolve("a/b"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("a/b/deep.yaml"), BAD_CM.formatted("deep"));
    Files.writeString(dir.resolve("a/top.yml"), BAD_CM.formatted("top"));
    Files.writeString(dir.resolve(".git/hidden.yaml"), BAD_CM.formatted("hidden"));
    Files.writeString(dir.resolve("notes.txt"), BAD_CM.formatted("txt"));
    Files.writeString(dir.resolve("values.yaml"), "replicaCount: 2\n");
    CliRun r = CliRun.run("validate", dir.toString());
    assertEquals(1, r.exitCode(), () -> "errors in the nested files: exit 1; " + r);
    // A missing key is placed where its object starts: "config" on line 6, column 19.
    assertTrue(r.out().contains(dir.resolve("a/b/deep.yaml") + ":6:19: team/deep data[connector.json]"
        + " /config/src.kafka.bootstrap.servers: ERROR"), () -> "nested .yaml read, located; " + r);
    assertTrue(r.out().contains("team/top "), () -> ".yml read; " + r);
    assertFalse(r.out().contains("hidden") || r.out().contains("team/txt"),
        () -> "hidden directories and other extensions skipped; " + r);
    assertTrue(r.err().contains("skipped " + dir.resolve("values.yaml") + ": not a Kubernetes manifest"),
        () -> "a values file found in a directory is skipped, and said; " + r);
  }

  @Test
  void listItemsAndJsonManifestsAreLocated() throws IOException {
    Path list = dir.resolve("list.yaml");
    Files.writeString(list, """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Service
            metadata: {name: s}
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: in-list, namespace: team}
            data:
              connector.json: |
                {"name": "x", "config": {
                  "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
                  "topic.whitelist": "a", "src.kafka.bootstrap.servers": "k:1",
                  "tasks.max": "0"}}
        """);
    Path json = dir.resolve("cm.json");
    Files.writeString(json, """
        {"apiVersion": "v1", "kind": "ConfigMap",
         "metadata": {"name": "as-json", "namespace": "team"},
         "data": {
           "connector.json": "{\\"name\\": \\"x\\", \\"config\\": {\\"connector.class\\": \\"io.confluent.connect.replicator.ReplicatorSourceConnector\\", \\"topic.whitelist\\": \\"a\\", \\"src.kafka.bootstrap.servers\\": \\"k:1\\", \\"tasks.max\\": \\"0\\"}}"}}
        """);
    CliRun r = CliRun.run("validate", list.toString(), json.toString());
    assertEquals(1, r.exitCode(), () -> "tasks.max 0: exit 1; " + r);
    assertTrue(r.out().contains(list + ":15:11: team/in-list data[connector.json] /config/tasks.max: ERROR"),
        () -> "List item, literal block: the key's own line and column; " + r);
    assertTrue(r.out().contains(json + ":4:22: team/as-json data[connector.json] /config/tasks.max: ERROR"),
        () -> "JSON manifest: where the data string starts; " + r);
  }

  @Test
  void emptyStdinIsAnInputError() {
    for (String empty : List.of("", "\n\n", "---\n")) {
      CliRun r = CliRun.withStdin(empty, "validate", "-");
      assertEquals(2, r.exitCode(), () -> "empty input: exit 2; " + r);
      String expected = empty.isBlank() ? "stdin: empty input" : "stdin: no Kubernetes object";
      assertTrue(r.err().contains(expected), () -> "said clearly (" + expected + "); " + r);
    }
    CliRun r = CliRun.withStdin("", "validate", "-");
    assertTrue(r.err().contains("helm template"), () -> "points at a failed helm template; " + r);
  }

  @Test
  void textThatIsNotAManifestIsAnInputError() {
    CliRun r = CliRun.withStdin("Error: INSTALLATION FAILED\n", "validate", "-");
    assertEquals(2, r.exitCode(), () -> "not a manifest: exit 2; " + r);
    assertTrue(r.err().contains("stdin: no Kubernetes object"), () -> "said; " + r);
  }

  @Test
  void noConnectorIsSaidAndCanFail() {
    String service = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n";
    CliRun r = CliRun.withStdin(service, "validate", "-");
    assertEquals(0, r.exitCode(), () -> "nothing wrong: exit 0; " + r);
    assertTrue(r.err().contains("no connector found in 1 file"), () -> "said on stderr; " + r);
    assertTrue(r.out().contains("0 connectors") && r.out().contains("(no connector found)"),
        () -> "and in the summary; " + r);
    CliRun required = CliRun.withStdin(service, "validate", "--require-connectors", "-");
    assertEquals(1, required.exitCode(), () -> "--require-connectors: exit 1; " + required);
  }

  @Test
  void yamlSyntaxErrorsAreYamlSyntax() {
    CliRun r = CliRun.withStdin("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [a\n", "validate", "-");
    assertEquals(1, r.exitCode(), () -> "syntax error: exit 1; " + r);
    assertTrue(r.out().contains("(yaml-syntax)") && !r.out().contains("json-syntax"),
        () -> "tagged yaml-syntax; " + r);
    assertTrue(r.out().startsWith("<stdin>:4:11: ERROR invalid YAML"),
        () -> "located at the unclosed flow sequence; " + r);
  }

  @Test
  void everyCommandHasVersion() {
    for (String command : List.of("validate", "mutate", "audit", "serve", "deploy", "schemas")) {
      CliRun r = CliRun.run(command, "--version");
      assertEquals(0, r.exitCode(), () -> command + " --version: exit 0; " + r);
      assertTrue(r.out().startsWith("connectgate "), () -> command + " --version prints it; " + r);
    }
  }

  @Test
  void usageErrorsAreShortAndPointAtHelp() {
    CliRun r = CliRun.run("validate", "--no-such-option", "x.yaml");
    assertEquals(2, r.exitCode(), () -> "usage error: exit 2; " + r);
    assertTrue(r.err().contains("Unknown option: '--no-such-option'"), () -> "the problem; " + r);
    assertTrue(r.err().contains("Try 'connectgate validate --help' for more information."),
        () -> "a pointer to --help; " + r);
    assertFalse(r.err().contains("Usage:"), () -> "not the whole help; " + r);
    assertTrue(r.err().lines().count() <= 4, () -> "a few lines; " + r);
  }

  @Test
  void serveHelpShowsTemplateVariablesNotNull() {
    CliRun r = CliRun.run("serve", "--help");
    assertEquals(0, r.exitCode(), () -> "help: exit 0; " + r);
    String flat = r.out().replaceAll("\\s+", " ");
    assertTrue(flat.contains("${JOB_NAME}, ${NAMESPACE}, ${CONFIGMAP}"), () -> "variables shown; " + r);
    assertTrue(flat.contains("${IMAGE} in the template"), () -> "--job-image too; " + r);
    assertFalse(flat.contains("null, null"), () -> "no interpolated nulls; " + r);
  }
}
