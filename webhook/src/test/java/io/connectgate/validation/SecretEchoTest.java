package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectgate.admission.AdmissionResponses;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.Review;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.cli.Main;
import io.connectgate.mutation.Mutator;
import io.connectgate.policy.PolicyInspector;
import io.connectgate.policy.PolicyLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets of one and two characters, and secrets echoed trimmed, upper-cased or embedded in a
 * longer text, never appear in an admission answer (message, warnings), a log line, CLI text
 * or JSON, or {@code deploy --dry-run}. The secrets use characters (Ж, Я) that no message of
 * connectgate contains otherwise, so any occurrence of them is a leak.
 */
class SecretEchoTest {

  static final String R = "io.confluent.connect.replicator.ReplicatorSourceConnector";
  static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir Path dir;
  private ListAppender<ILoggingEvent> logs;
  private Level rootLevel;

  @BeforeEach
  void captureLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  /** A Replicator document whose every finding is about, or next to, a short secret. */
  static String invalidDocument() {
    ObjectNode config = JSON.createObjectNode().put("connector.class", R)
        .put("src.kafka.bootstrap.servers", "k:9093")
        .put("topic.whitelist", "t")
        .put("src.kafka.ssl.key.password", "ЖЯ")
        .put("src.kafka.ssl.truststore.certificates", " ЯЖ ")
        .put("bearer.auth.token", "xЖ")
        .put("secret.bootstrap.servers", "Ж:1,ЯЯ:2")            // policy echoes servers
        .put("src.kafka.sasl.jaas.config", "Я")                 // broken JAAS
        .put("dest.kafka.sasl.oauthbearer.assertion.private.key.passphrase", "жя")
        .put("gcs.credentials.json", "{\"private_key\": \"Ж\"}")
        .put("src.kafka.security.protocol", "SASL_SSL")
        .put("snowflake.private.key", "Ж")
        .put("tasks.max", "jdbc:mysql://db/x?user=u&password=ЖЯ")     // a URL's password, quoted
        .put("dest.kafka.bootstrap.servers", "SASL_SSL://u:Яж@k:9093"); // echoed by the policy
    ObjectNode doc = JSON.createObjectNode().put("name", "r");
    doc.set("config", config);
    return JSON.writeValueAsString(doc);
  }

  /** A generic connector (the aliases rule applies) naming a predicate that is a secret. */
  static String aliasDocument() {
    ObjectNode config = JSON.createObjectNode()
        .put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector")
        .put("topic", "t")
        .put("transforms", "password")
        .put("transforms.password.type", "org.apache.kafka.connect.transforms.InsertField$Value")
        .put("transforms.password.predicate", " Ж ");          // echoed trimmed before
    ObjectNode doc = JSON.createObjectNode().put("name", "f");
    doc.set("config", config);
    return JSON.writeValueAsString(doc);
  }

  static void assertNoSecret(String where, String text) {
    for (String c : List.of("Ж", "Я", "ж", "я")) {
      assertFalse(text.contains(c), () -> where + " leaks a secret (" + c + "):\n" + text);
    }
  }

  private Path policy() throws Exception {
    return Files.writeString(dir.resolve("policy.yaml"), """
        apiVersion: connectgate.io/v1
        kind: ConnectorPolicy
        rules:
          allowedBootstrapServers: {action: deny, patterns: ["*.kafka.example.com:9093"]}
          plaintextCredentials: {action: warn}
        """);
  }

  @Test
  void admissionAnswersAndLogsNeverShowShortOrTrimmedSecrets() throws Exception {
    var catalog = TestCatalogs.repository();
    var policy = new PolicyLoader().load(policy());
    EngineReviewer reviewer = new EngineReviewer(
        new PolicyInspector(new ConnectorEngine(catalog), () -> policy), new Mutator(catalog));
    ObjectNode cm = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", "c").putObject("labels").put("connectgate.io/connector", "true");
    cm.putObject("data").put("c.json", invalidDocument()).put("a.json", aliasDocument())
        .put("syntax.json", "{\"name\": \"r\", \"config\": {\"connector.class\": \"" + R
            + "\", \"ssl.key.password\": Ж}}")
        .put("bom.json", "\uFEFF{\"name\": \"r\", \"config\": {\"connector.class\": \"" + R
            + "\", \"ssl.key.password\": \"Я\"}} Ж");
    Review review = reviewer.review(cm, "ns", "c", true);
    assertTrue(review.hasErrors(), "expected the document denied");
    List<String> rules = review.findings().stream().map(Finding::rule).toList();
    for (String rule : List.of("aliases", "allowedBootstrapServers", "jaas", "json-syntax")) {
      assertTrue(rules.contains(rule), "expected a " + rule + " finding next to a secret: " + rules);
    }
    var decision = new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))
        .decide(Endpoint.VALIDATE, review);
    String answer = JSON.writeValueAsString(
        new AdmissionResponses(JSON).complete("admission.k8s.io/v1", "u", decision));
    assertTrue(answer.contains("names predicate (value hidden: sensitive setting)"),
        "expected the predicate finding without its value: " + answer);
    assertNoSecret("the admission answer", answer);
    assertNoSecret("the findings", review.findings().toString());
    List<String> logged = new ArrayList<>();
    logs.list.forEach(e -> logged.add(e.getFormattedMessage()));
    assertNoSecret("the log", String.join("\n", logged));
  }

  private String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return "exit " + code + "\n" + err + out;
  }

  @Test
  void cliTextJsonAndDeployDryRunNeverShowShortOrEmbeddedSecrets() throws Exception {
    Path invalid = Files.writeString(dir.resolve("invalid.json"), invalidDocument());
    Path alias = Files.writeString(dir.resolve("alias.json"), aliasDocument());
    for (String format : List.of("text", "json")) {
      String output = cli("validate", "-o", format, "--policy", policy().toString(),
          invalid.toString(), alias.toString());
      assertTrue(output.startsWith("exit 1"), "expected violations: " + output);
      assertNoSecret("validate -o " + format, output);
    }
    String denied = cli("deploy", "--connect-url", "http://127.0.0.1:9", "--dry-run",
        invalid.toString());
    assertNoSecret("deploy of an invalid connector", denied);

    ObjectNode config = JSON.createObjectNode()
        .put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector")
        .put("tasks.max", "1").put("file", "/tmp/in").put("topic", "t")
        .put("bearer.auth.token", "Ж")
        .put("sasl.oauthbearer.assertion.private.key.passphrase", "ЖЯ")
        .put("snowflake.private.key", " Я-key ")
        .put("gcs.credentials.json", "{\"private_key\": \"ЯЖ\"}")
        .put("ssl.truststore.certificates", "Я")
        .put("x.api.key", "Ж");
    ObjectNode doc = JSON.createObjectNode().put("name", "f");
    doc.set("config", config);
    Path valid = Files.writeString(dir.resolve("valid.json"), JSON.writeValueAsString(doc));
    String dryRun = cli("deploy", "--connect-url", "http://127.0.0.1:9", "--dry-run",
        valid.toString());
    assertTrue(dryRun.startsWith("exit 0") && dryRun.contains("dry run: would PUT"),
        "expected the dry run to print its plan: " + dryRun);
    for (String key : List.of("bearer.auth.token", "sasl.oauthbearer.assertion.private.key.passphrase",
        "snowflake.private.key", "gcs.credentials.json")) {
      assertTrue(dryRun.contains(key + "=[redacted]"), "expected " + key + " masked: " + dryRun);
    }
    assertTrue(dryRun.contains("topic=t"), "expected ordinary values printed: " + dryRun);
    assertNoSecret("deploy --dry-run", dryRun);
    assertEquals(List.of(), logs.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("Ж") || m.contains("Я")).toList(), "expected no secret logged");
  }
}
