package io.connectgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

  private final PolicyLoader loader = new PolicyLoader();

  @Test
  void fullPolicyLoadsWithEveryRule() throws Exception {
    Policy p = loader.parse("""
        apiVersion: connectgate.io/v1
        kind: ConnectorPolicy
        exemptNamespaces: [kube-system, "sandbox-*"]
        rules:
          requireEncryption: {action: deny, namespaces: ["prod-*"], excludeNamespaces: [prod-legacy]}
          plaintextCredentials: deny
          allowedBootstrapServers: {action: warn, patterns: ["*.kafka.example.com:9093", "kafka:9071"]}
          maxTasks: {action: audit, max: 4}
          allowedConnectorClasses: {action: deny, classes: ["io.confluent.connect.replicator.*"]}
          unknownKeys: {action: deny}
        """, "test");
    assertEquals(6, p.rules().size(), "all six rules enabled: " + p.rules().keySet());
    assertEquals(4, p.maxTasks());
    assertTrue(p.exempts("sandbox-7"), "glob in exemptNamespaces");
    assertTrue(p.ruleFor(Rules.REQUIRE_ENCRYPTION, "prod-eu").isPresent(), "in scope");
    assertTrue(p.ruleFor(Rules.REQUIRE_ENCRYPTION, "prod-legacy").isEmpty(), "excluded");
    assertTrue(p.ruleFor(Rules.REQUIRE_ENCRYPTION, "dev").isEmpty(), "not listed");
    assertEquals(Action.DENY, p.rules().get(Rules.PLAINTEXT_CREDENTIALS).action(), "short form");
  }

  @Test
  void enforcementOverridesEveryAction() throws Exception {
    Policy p = loader.parse("""
        apiVersion: connectgate.io/v1
        kind: ConnectorPolicy
        enforcement: warn
        rules:
          requireEncryption: {action: deny}
          maxTasks: {action: deny, max: 2}
        """, "test");
    p.rules().forEach((name, scope) ->
        assertEquals(Action.WARN, scope.action(), name + " should be downgraded to warn"));
    assertTrue(p.rules().containsKey(Rules.UNKNOWN_KEYS), "unknownKeys is judged by default");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    PolicyException e = assertThrows(PolicyException.class, () -> loader.parse("""
        apiVersion: connectgate.io/v2
        kind: ConnectorPolicy
        colour: blue
        rules:
          requireEncryption: {action: block}
          allowedBootstrapServers: {action: deny, patterns: ["kafka", "a b:9092", "ok:*"]}
          maxTasks: {action: deny, max: 0}
          noSuchRule: {action: deny}
          allowedConnectorClasses: {action: deny, typo: 1}
        """, "bad.yaml"));
    List<String> p = e.problems();
    for (String expected : List.of("apiVersion", "colour", "rules.requireEncryption",
        "patterns[0]", "patterns[1]", "rules.maxTasks.max", "noSuchRule",
        "rules.allowedConnectorClasses.typo", "rules.allowedConnectorClasses.classes")) {
      assertTrue(p.stream().anyMatch(s -> s.contains(expected)),
          "expected a problem mentioning " + expected + " in " + p);
    }
    assertTrue(p.stream().noneMatch(s -> s.contains("patterns[2]")), "ok:* is a valid pattern: " + p);
    assertTrue(e.getMessage().contains("bad.yaml"), "message names the file");
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() {
    PolicyException e = assertThrows(PolicyException.class,
        () -> loader.parse("apiVersion: connectgate.io/v1\nrules: [unclosed\n", "x"));
    assertTrue(e.problems().get(0).contains("line"), "expected a line number: " + e.problems());
  }

  @Test
  void builtInPolicyWarnsOnCredentialsAndUnknownKeysOnly() {
    Policy p = Policy.builtIn();
    assertEquals(java.util.Set.of(Rules.PLAINTEXT_CREDENTIALS, Rules.UNKNOWN_KEYS), p.rules().keySet());
    p.rules().values().forEach(s -> assertEquals(Action.WARN, s.action()));
  }
}
