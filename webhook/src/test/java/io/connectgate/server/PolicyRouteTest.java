package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ReviewerFactory;
import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyLoader;
import io.connectgate.policy.PolicyReloader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every policy rule denying, warning and auditing through the real HTTPS /validate route with
 * the real engine, on the API server's own CREATE review; and hot reload under a running server.
 */
class PolicyRouteTest {

  private static final String SECRET = "Route-Pol1cy-Secret";
  /** Violates every rule at once: each test enables one rule and looks for that rule only. */
  private static final String CONNECTOR = """
      {"name": "replicator", "config": {
        "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
        "topic.whitelist": "orders", "tasks.max": "4",
        "src.kafka.bootstrap.servers": "kafka:9071",
        "src.kafka.security.protocol": "SASL_PLAINTEXT", "src.kafka.sasl.mechanism": "PLAIN",
        "src.kafka.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"u\\" password=\\"%s\\";",
        "dest.kafka.bootstrap.servers": "dest-kafka:9092",
        "tasks.mx": "2"}}""".formatted(SECRET);

  @TempDir static Path dir;
  /** Where the server's reviewer reads the policy in force: a fixed one, or the file watcher. */
  private static final AtomicReference<Supplier<Policy>> SOURCE =
      new AtomicReference<>(Policy::builtIn);
  private static TestWebhook webhook;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    webhook = TestWebhook.start(dir.resolve("certs"),
        ReviewerFactory.standard().create(null, () -> SOURCE.get().get()));
    client = webhook.client(HttpClient.Version.HTTP_2);
  }

  @AfterAll
  static void stop() throws Exception {
    webhook.close();
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        "requireEncryption: {action: ACTION}",
        "plaintextCredentials: ACTION",
        "allowedBootstrapServers: {action: ACTION, patterns: [\"*.example.com:9093\"]}",
        "maxTasks: {action: ACTION, max: 2}",
        "allowedConnectorClasses: {action: ACTION, classes: [\"org.apache.kafka.connect.mirror.*\"]}",
        "unknownKeys: ACTION")
        .flatMap(rule -> Stream.of("deny", "warn", "audit").map(action -> Arguments.of(rule, action)));
  }

  private static JsonNode validate(String connector) throws Exception {
    ObjectNode review = (ObjectNode) TestWebhook.JSON.readTree(TestWebhook.fixture("create-validate.json"));
    ((ObjectNode) review.at("/request/object/data")).put("replicator-connector.json", connector);
    String body = webhook.post(client, "/validate?timeout=5s", "application/json",
        TestWebhook.JSON.writeValueAsBytes(review)).body();
    assertFalse(body.contains(SECRET), "the password never appears in a response: " + body);
    return TestWebhook.json(body).get("response");
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("rules")
  void eachRuleDeniesWarnsOrAudits(String ruleYaml, String action) throws Exception {
    String rule = ruleYaml.substring(0, ruleYaml.indexOf(':'));
    Policy policy = new PolicyLoader().parse("""
        apiVersion: connectgate.io/v1
        kind: ConnectorPolicy
        rules:
          %s
        """.formatted(ruleYaml.replace("ACTION", action)), "test");
    SOURCE.set(() -> policy);
    JsonNode response = validate(CONNECTOR);
    String message = response.at("/status/message").asString("");
    String warnings = response.path("warnings").toString();
    switch (action) {
      case "deny" -> {
        assertFalse(response.get("allowed").asBoolean(), "deny rejects: " + response);
        assertEquals(403, response.at("/status/code").asInt(), "policy violations are 403");
        assertTrue(message.contains(rule + ":"), "the message names the rule " + rule + ": " + message);
      }
      case "warn" -> {
        assertTrue(response.get("allowed").asBoolean(), "warn admits: " + response);
        assertTrue(warnings.contains(rule), "a warning names " + rule + ": " + warnings);
      }
      default -> {
        assertTrue(response.get("allowed").asBoolean(), "audit admits: " + response);
        assertFalse(warnings.contains(rule + ":"), "audit shows nothing to the user: " + warnings);
        String metrics = webhook.get(client, "/metrics").body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("connectgate_findings_total")
                && l.contains("rule=\"" + ruleGauge(rule) + "\"") && l.contains("severity=\"AUDIT\"")),
            "audit findings of " + rule + " are counted in metrics");
      }
    }
  }

  /** The engine reports unknown keys under its own rule name; the policy governs it. */
  private static String ruleGauge(String rule) {
    return rule.equals("unknownKeys") ? "unknown-key" : rule;
  }

  @Test
  void hotReloadFollowsTheFileAndKeepsThePreviousPolicyWhenBroken() throws Exception {
    Path file = dir.resolve("policy.yaml");
    String head = "apiVersion: connectgate.io/v1\nkind: ConnectorPolicy\nrules:\n";
    Files.writeString(file, head + "  maxTasks: {action: deny, max: 2}\n");
    PolicyReloader reloader = new PolicyReloader(file, new PolicyLoader());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    long timer = new PolicyWatch(webhook.vertx, reloader, new WebhookMetrics(registry))
        .every(Duration.ofMillis(100));
    try {
      SOURCE.set(reloader::current); // the server now follows the file
      assertFalse(validate(CONNECTOR).get("allowed").asBoolean(), "max 2 denies tasks.max 4");

      Files.writeString(file, head + "  maxTasks: {action: deny, max: 8}\n");
      awaitPolicy(reloader, p -> p.maxTasks() == 8);
      assertTrue(validate(CONNECTOR).get("allowed").asBoolean(), "the new version admits it");

      Files.writeString(file, head + "  maxTasks: {action: nope, max: 0}\n");
      Instant deadline = Instant.now().plusSeconds(10);
      while (!registry.scrape().contains("connectgate_policy_reloads_total{outcome=\"rejected\"}") && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertTrue(registry.scrape().contains("connectgate_policy_reloads_total{outcome=\"rejected\"} 1.0"),
          "a broken version is counted: " + registry.scrape());
      assertEquals(8, reloader.current().maxTasks(), "the previous policy stays in force");
      assertTrue(validate(CONNECTOR).get("allowed").asBoolean(), "still decided by the previous policy");
    } finally {
      webhook.vertx.cancelTimer(timer);
      SOURCE.set(Policy::builtIn);
    }
  }

  private static void awaitPolicy(PolicyReloader reloader, java.util.function.Predicate<Policy> ok)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (!ok.test(reloader.current()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertTrue(ok.test(reloader.current()), "the watcher picked up the change in time");
  }
}
