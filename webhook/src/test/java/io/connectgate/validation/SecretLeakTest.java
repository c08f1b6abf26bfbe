package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.Review;
import io.connectgate.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A distinctive password in every sensitive setting of many invalid documents never appears
 * in any output: validate (text and JSON), mutate's diagnostics, and EngineReviewer findings,
 * with the built-in schema and with a schema whose keywords constrain sensitive settings.
 */
class SecretLeakTest {

  static final String PW = "Zq9-LEAK-p4ss";
  private static final String R = "io.confluent.connect.replicator.ReplicatorSourceConnector";
  private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final List<String> SENSITIVE = List.of(
      "src.kafka.ssl.truststore.password", "src.kafka.ssl.keystore.password",
      "src.kafka.ssl.key.password", "src.kafka.ssl.keystore.key",
      "dest.kafka.ssl.keystore.location", "dest.kafka.sasl.oauthbearer.client.credentials.client.secret",
      "src.value.converter.basic.auth.user.info", "confluent.topic.ssl.truststore.password",
      "secret.token", "producer.override.ssl.key.password");
  private static final List<String> JAAS_VARIANTS = List.of(
      PLAIN + " required username=\"u\" password=\"" + PW + "\";",
      PW,
      PLAIN + " required username=\"u\" password=\"" + PW,
      PLAIN + " " + PW + " password=\"x\";",
      "org.apache.kafka.common.security.scram.ScramLoginModule required password='" + PW + "';",
      PLAIN + " required password=" + PW + "; " + PLAIN + " optional password=" + PW + ";",
      PLAIN + " required " + PW + " ;");

  @TempDir static Path dir;
  static final List<Path> FILES = new ArrayList<>();

  @BeforeAll
  static void writeDocuments() throws IOException {
    int n = 0;
    for (String jaas : JAAS_VARIANTS) {
      for (boolean brokenOtherwise : List.of(false, true)) {
        ObjectNode config = JSON.createObjectNode().put("connector.class", R)
            .put("src.kafka.bootstrap.servers", brokenOtherwise ? "bad" : "k:1")
            .put("src.kafka.security.protocol", "SASL_SSL")
            .put("src.kafka.sasl.mechanism", brokenOtherwise ? "SCRAM-SHA-256" : "PLAIN")
            .put("src.kafka.sasl.jaas.config", jaas)
            .put("dest.kafka.sasl.jaas.config", jaas)
            .put("src.consumer.confluent.monitoring.interceptor.sasl.jaas.config", jaas)
            .put("topic.regex", brokenOtherwise ? "(" : ".*")
            .put("src.kafka.passwrd", PW);
        SENSITIVE.forEach(k -> config.put(k, PW));
        if (brokenOtherwise) {
          config.putObject("dest.kafka.ssl.key.password").put("v", PW);
        }
        ObjectNode doc = JSON.createObjectNode().put("name", "r");
        doc.set("config", config);
        FILES.add(write("doc" + n++ + ".json", JSON.writeValueAsString(doc)));
      }
    }
    FILES.add(write("syntax.json", "{\"name\": \"r\", \"config\": {\"connector.class\": \"" + R
        + "\", \"src.kafka.ssl.key.password\": " + PW + "}}"));
    FILES.add(write("syntax2.json", "{\"name\": \"r\", \"config\": {\"connector.class\": \"" + R
        + "\", \"src.kafka.ssl.key.password\": \"" + PW + "\" \"x\": 1}}"));
    FILES.add(write("dupes.json", "{\"name\": \"r\", \"config\": {\"connector.class\": \"" + R
        + "\", \"src.kafka.ssl.key.password\": \"" + PW + "\", \"src.kafka.ssl.key.password\": \""
        + PW + "\"}}"));
    FILES.add(write("cm.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, labels: {connectgate.io/connector: "true"}}
        data:
          a.json: '{"config": {"src.kafka.sasl.jaas.config": "PW"}}'
          b.json: '{"name": "r", "config": {"connector.class": "R", "x.password": PW}}'
        """.replace("PW", PW).replace("\"R\"", "\"" + R + "\"")));
    FILES.add(write("broken.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: {a.json: \"" + PW
        + "\n  - [" + PW + "\n"));
  }

  private static Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static String[] args(String... head) {
    List<String> all = new ArrayList<>(List.of(head));
    FILES.forEach(f -> all.add(f.toString()));
    return all.toArray(String[]::new);
  }

  private static String run(String... args) {
    return run(true, args);
  }

  /** "exit N" then stderr and, when asked, stdout. */
  private static String run(boolean withStdout, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return "exit " + code + "\n" + err + (withStdout ? out : "");
  }

  @Test
  void validateTextAndJsonNeverShowThePassword() {
    for (String format : List.of("text", "json")) {
      String output = run(args("validate", "-o", format));
      assertTrue(output.startsWith("exit 1"), () -> "expected violations: " + output);
      assertTrue(output.contains("jaas") && output.contains("json-syntax"),
          () -> "expected jaas and json-syntax findings in " + format + " output");
      assertFalse(output.contains(PW), () -> format + " output leaks the password:\n" + output);
    }
  }

  @Test
  void validateWithASchemaConstrainingSensitiveSettings() throws IOException {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    // Named like the built-in Replicator schema, so that it replaces it (--schemas adds).
    Files.writeString(schemas.resolve("replicator.schema.json"), """
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "x-connectgate-claims": ["%s"],
         "x-connectgate-rules": ["unknown-key", "jaas"],
         "x-connectgate-prefixes": {"src.kafka.": "#/$defs/c", "dest.kafka.": "#/$defs/c"},
         "properties": {"secret.token": {"type": "integer", "maxLength": 3, "enum": ["a"],
            "not": {"const": "%s"}}},
         "$defs": {"c": {"x-connectgate-client": true, "properties": {
            "ssl.key.password": {"pattern": "^x$", "maxLength": 2, "format": "email",
              "type": "integer", "minimum": 5},
            "ssl.keystore.key": {"const": "k", "minLength": 40},
            "sasl.jaas.config": {"pattern": "^$", "type": "boolean"}}}}}
        """.formatted(R, PW));
    for (String format : List.of("text", "json")) {
      String output = run(args("validate", "-o", format, "--schemas", schemas.toString()));
      assertTrue(output.contains("(schema)") || output.contains("\"schema\""),
          () -> "expected schema findings: " + output);
      assertFalse(output.contains(PW), () -> format + " output leaks the password:\n" + output);
    }
  }

  @Test
  void mutateDiagnosticsNeverShowThePassword() {
    int refused = 0;
    for (Path f : FILES) {
      // stdout is the user's own manifest (secrets included by nature); diagnostics are not.
      String diagnostics = run(false, "mutate", f.toString());
      assertFalse(diagnostics.contains(PW), () -> "mutate diagnostics leak the password:\n"
          + diagnostics);
      refused += diagnostics.startsWith("exit 1") ? 1 : 0;
    }
    assertTrue(refused > FILES.size() / 2, "most inputs are invalid and refused");
  }

  @Test
  void engineReviewerFindingsNeverShowThePassword() throws IOException {
    int withErrors = 0;
    EngineReviewer reviewer = new EngineReviewer(TestCatalogs.repository());
    for (Path f : FILES) {
      ObjectNode cm = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
      cm.putObject("metadata").put("name", "c").putObject("labels")
          .put("connectgate.io/connector", "true");
      cm.putObject("data").put("c.json", Files.readString(f));
      Review review = reviewer.review(cm, "ns", "c", true);
      assertFalse(review.findings().toString().contains(PW),
          () -> "findings leak the password for " + f + ": " + review.findings());
      withErrors += review.hasErrors() ? 1 : 0;
    }
    assertTrue(withErrors > FILES.size() / 2, "most documents have errors");
  }
}
