package io.connectgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Origin;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Location;
import io.connectgate.validation.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PolicyEnforcerTest {

  /** As the Replicator schema declares them. */
  private static final List<Connection> REPLICATOR_CONNECTIONS = List.of(
      new Connection("src.kafka.", null), new Connection("dest.kafka.", null),
      new Connection("src.consumer.", "src.kafka."),
      new Connection("src.kafka.timestamps.producer.", "src.kafka."),
      new Connection("confluent.topic.", Connection.WORKER),
      new Connection("src.consumer.confluent.monitoring.interceptor.", null),
      new Connection("src.kafka.timestamps.producer.confluent.monitoring.interceptor.", null));
  private static final Location DOC =
      new Location(Origin.admission("team-a", "replicator"), "replicator-connector.json", null);

  private final PolicyEnforcer enforcer = new PolicyEnforcer();

  private static Policy policy(String action, String rules) throws PolicyException {
    return new PolicyLoader().parse("""
        apiVersion: connectgate.io/v1
        kind: ConnectorPolicy
        rules:
        """ + rules.replace("ACTION", action), "test");
  }

  private static ConnectorFacts facts(String namespace, Map<String, String> config) {
    return new ConnectorFacts(DOC, "/config/", namespace, config, REPLICATOR_CONNECTIONS);
  }

  private static Map<String, String> replicator(String... extra) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", "io.confluent.connect.replicator.ReplicatorSourceConnector");
    c.put("tasks.max", "4");
    c.put("topic.whitelist", "orders");
    c.put("src.kafka.bootstrap.servers", "kafka:9071");
    c.put("src.kafka.security.protocol", "SASL_SSL");
    c.put("dest.kafka.bootstrap.servers", "SASL_SSL://dest.kafka.example.com:9093");
    for (int i = 0; i < extra.length; i += 2) {
      c.put(extra[i], extra[i + 1]);
    }
    return c;
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        // rule yaml, config extras, expected pointer
        Arguments.of("  requireEncryption: {action: ACTION}\n", new String[] {},
            "/config/dest.kafka.security.protocol", Rules.REQUIRE_ENCRYPTION),
        Arguments.of("  allowedBootstrapServers: {action: ACTION, patterns: [\"*.kafka.example.com:9093\"]}\n",
            new String[] {}, "/config/src.kafka.bootstrap.servers", Rules.ALLOWED_BOOTSTRAP_SERVERS),
        Arguments.of("  maxTasks: {action: ACTION, max: 2}\n", new String[] {},
            "/config/tasks.max", Rules.MAX_TASKS),
        Arguments.of("  allowedConnectorClasses: {action: ACTION, classes: [\"org.apache.kafka.connect.mirror.*\"]}\n",
            new String[] {}, "/config/connector.class", Rules.ALLOWED_CONNECTOR_CLASSES));
  }

  @ParameterizedTest(name = "{3} as {4}")
  @MethodSource("violationsByAction")
  void eachRuleDeniesWarnsAndAudits(String rules, String[] extra, String pointer, String rule,
      String action, Severity expected) throws Exception {
    List<Finding> out = enforcer.check(policy(action, rules), facts("team-a", replicator(extra)));
    assertEquals(1, out.size(), "one " + rule + " finding expected: " + out);
    Finding f = out.get(0);
    assertEquals(expected, f.severity(), "severity for action " + action);
    assertEquals(rule, f.rule());
    assertEquals(pointer, f.location().pointer());
    assertTrue(f.message().startsWith(rule + ":"), "message names the rule: " + f.message());
  }

  static Stream<Arguments> violationsByAction() {
    return violations().flatMap(a -> Stream.of(
        Arguments.of(a.get()[0], a.get()[1], a.get()[2], a.get()[3], "deny", Severity.ERROR),
        Arguments.of(a.get()[0], a.get()[1], a.get()[2], a.get()[3], "warn", Severity.WARNING),
        Arguments.of(a.get()[0], a.get()[1], a.get()[2], a.get()[3], "audit", Severity.AUDIT)));
  }

  @Test
  void compliantConnectorHasNoFindings() throws Exception {
    Policy p = policy("deny", """
          requireEncryption: {action: ACTION}
          allowedBootstrapServers: {action: ACTION, patterns: ["kafka:9071", "*.kafka.example.com:9093"]}
          maxTasks: {action: ACTION, max: 4}
          allowedConnectorClasses: {action: ACTION, classes: ["io.confluent.connect.replicator.*"]}
        """);
    List<Finding> out = enforcer.check(p,
        facts("team-a", replicator("dest.kafka.security.protocol", "SSL")));
    assertEquals(List.of(), out, "a compliant connector yields nothing");
  }

  @Test
  void unsetProtocolOnAConnectionInUseIsPlaintext() throws Exception {
    Map<String, String> c = replicator();
    c.remove("src.kafka.security.protocol");
    List<Finding> out = enforcer.check(policy("deny", "  requireEncryption: ACTION\n"), facts("x", c));
    assertTrue(out.stream().anyMatch(f -> f.location().pointer().equals("/config/src.kafka.security.protocol")
        && f.message().contains("PLAINTEXT")), "unset protocol reported as PLAINTEXT: " + out);
  }

  @Test
  void inheritedProtocolIsJudgedOnceWhereItIsSetAndWorkerSettingsAreNotJudged() throws Exception {
    Policy p = policy("deny", "  requireEncryption: ACTION\n");
    // src.consumer.* inherits src.kafka.* (SASL_SSL): compliant; confluent.topic.* comes from
    // the worker when unset: not judged.
    List<Finding> ok = enforcer.check(p, facts("x", replicator(
        "dest.kafka.security.protocol", "SSL", "src.consumer.group.id", "g",
        "confluent.topic.replication.factor", "3")));
    assertEquals(List.of(), ok, "inherited SASL_SSL and worker-provided settings pass");
    // With src.kafka.* in PLAINTEXT, the consumer that inherits it is reported once, at src.kafka.
    List<Finding> bad = enforcer.check(p, facts("x", replicator(
        "src.kafka.security.protocol", "PLAINTEXT", "dest.kafka.security.protocol", "SSL",
        "src.consumer.group.id", "g", "confluent.topic.security.protocol", "SASL_PLAINTEXT")));
    assertEquals(List.of("/config/src.kafka.security.protocol", "/config/confluent.topic.security.protocol"),
        bad.stream().map(f -> f.location().pointer()).toList(), "one finding per setting: " + bad);
  }

  @Test
  void aLongServerListMakesOneFindingNamingTheFirstRefusedServers() throws Exception {
    Policy p = policy("deny", "  allowedBootstrapServers: {action: ACTION, patterns: [\"*.kafka.example.com:9093\"]}\n");
    List<Finding> one = enforcer.check(p, facts("x", replicator("src.kafka.bootstrap.servers",
        "kafka:9071, a.kafka.example.com:9093, kafka:9071")));
    assertEquals(List.of("allowedBootstrapServers: kafka:9071 matches no allowed pattern (*.kafka.example.com:9093)"),
        one.stream().map(Finding::message).toList(), "expected one server named once");
    StringBuilder many = new StringBuilder("PLAINTEXT://a0:9092");
    for (int i = 1; i < 60_000; i++) {
      many.append(',').append(i % 2 == 0 ? "a" + i + ":9092" : "a0:9092");
    }
    List<Finding> out = enforcer.check(p, facts("x", replicator("src.kafka.bootstrap.servers", many.toString())));
    // Each entry was a finding: 60,000 entries made 60,000 findings.
    assertEquals(List.of("allowedBootstrapServers: a0:9092, a2:9092, a4:9092, a6:9092, a8:9092 and 29995 more match no"
        + " allowed pattern (*.kafka.example.com:9093)"), out.stream().map(Finding::message).toList(),
        "expected one finding for the setting, distinct servers counted");
  }

  @Test
  void namespaceScopingLimitsARule() throws Exception {
    Policy p = policy("deny", "  maxTasks: {action: ACTION, max: 1, namespaces: [\"prod-*\"], excludeNamespaces: [prod-old]}\n");
    assertEquals(1, enforcer.check(p, facts("prod-eu", replicator())).size(), "prod-eu in scope");
    assertEquals(0, enforcer.check(p, facts("prod-old", replicator())).size(), "prod-old excluded");
    assertEquals(0, enforcer.check(p, facts("dev", replicator())).size(), "dev not listed");
  }

  @Test
  void engineFindingsTakeTheirSeverityFromThePolicy() throws Exception {
    Finding unknown = new Finding(Severity.WARNING, "unknown-key",
        new Location(DOC.origin(), DOC.dataKey(), "/config/src.kafka.bootstrap.server"), "unknown key");
    Finding creds = new Finding(Severity.WARNING, "plaintextCredentials",
        new Location(DOC.origin(), DOC.dataKey(), "/config/src.kafka.sasl.jaas.config"), "literal password");
    Finding schema = new Finding(Severity.ERROR, "schema",
        new Location(DOC.origin(), DOC.dataKey(), "/config/tasks.max"), "must be >= 1");
    Policy p = policy("deny", "  unknownKeys: ACTION\n");
    List<Finding> out = enforcer.govern(p, "x", List.of(unknown, creds, schema));
    assertEquals(2, out.size(), "plaintextCredentials is off in a file that omits it: " + out);
    assertEquals(Severity.ERROR, out.get(0).severity(), "unknownKeys: deny makes it an error");
    assertTrue(out.get(0).message().startsWith("unknownKeys:"), out.get(0).message());
    assertEquals(schema, out.get(1), "non-policy findings pass unchanged");
    List<Finding> builtIn = enforcer.govern(Policy.builtIn(), "x", List.of(unknown, creds));
    assertTrue(builtIn.stream().allMatch(f -> f.severity() == Severity.WARNING), "built-in warns: " + builtIn);
    assertEquals(2, builtIn.size());
  }
}
