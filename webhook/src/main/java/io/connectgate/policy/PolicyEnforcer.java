package io.connectgate.policy;

import io.connectgate.validation.Finding;
import io.connectgate.validation.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a policy to one connector: sets the severity of the engine's policy-governed findings
 * (unknown keys, plain-text credentials) from the policy, drops them when the rule is off, and
 * adds the findings of the policy's own rules. Every policy finding names its rule.
 */
public final class PolicyEnforcer {

  private static final Set<String> ENCRYPTED = Set.of("SSL", "SASL_SSL");

  public List<Finding> apply(Policy policy, ConnectorFacts facts, List<Finding> engineFindings) {
    List<Finding> out = new ArrayList<>(engineFindings.size() + 4);
    for (Finding f : engineFindings) {
      String governing = governingRule(f.rule());
      if (governing == null) {
        out.add(f);
        continue;
      }
      policy.ruleFor(governing, facts.namespace())
          .ifPresent(scope -> out.add(restyle(f, governing, scope.action())));
    }
    check(policy, Rules.REQUIRE_ENCRYPTION, facts, out, this::requireEncryption);
    check(policy, Rules.ALLOWED_BOOTSTRAP_SERVERS, facts, out, this::allowedServers);
    check(policy, Rules.MAX_TASKS, facts, out, this::maxTasks);
    check(policy, Rules.ALLOWED_CONNECTOR_CLASSES, facts, out, this::allowedClasses);
    return out;
  }

  private static String governingRule(String engineRule) {
    if (Rules.ENGINE_UNKNOWN_KEY.equals(engineRule) || Rules.UNKNOWN_KEYS.equals(engineRule)) {
      return Rules.UNKNOWN_KEYS;
    }
    return Rules.PLAINTEXT_CREDENTIALS.equals(engineRule) ? Rules.PLAINTEXT_CREDENTIALS : null;
  }

  private static Finding restyle(Finding f, String rule, Action action) {
    String message = f.message().startsWith(rule) ? f.message() : rule + ": " + f.message();
    return new Finding(action.severity(), f.rule(), f.location(), message);
  }

  private interface Check {
    void run(Policy policy, ConnectorFacts facts, Severity severity, List<Finding> out);
  }

  private static void check(
      Policy policy, String rule, ConnectorFacts facts, List<Finding> out, Check check) {
    Optional<RuleScope> scope = policy.ruleFor(rule, facts.namespace());
    scope.ifPresent(s -> check.run(policy, facts, s.action().severity(), out));
  }

  private void requireEncryption(
      Policy policy, ConnectorFacts facts, Severity severity, List<Finding> out) {
    for (String prefix : facts.connectionPrefixes()) {
      if (!inUse(prefix, facts)) {
        continue;
      }
      String key = prefix + "security.protocol";
      String protocol = facts.config().get(key);
      String shown = protocol == null ? "PLAINTEXT (the default, as it is unset)" : protocol;
      if (protocol == null || !ENCRYPTED.contains(protocol.trim().toUpperCase(java.util.Locale.ROOT))) {
        out.add(new Finding(severity, Rules.REQUIRE_ENCRYPTION, facts.at(key),
            Rules.REQUIRE_ENCRYPTION + ": the " + prefix + "* connection uses " + shown
                + "; policy requires SSL or SASL_SSL"));
      }
    }
  }

  /**
   * A connection is in use when the connector sets anything for it that is its own (not a
   * setting of a longer connection prefix, such as src.kafka.timestamps.producer. under
   * src.kafka.). An unused prefix takes its settings from the Connect worker, which is outside
   * what a ConfigMap can show.
   */
  private static boolean inUse(String prefix, ConnectorFacts facts) {
    for (String key : facts.config().keySet()) {
      if (key.startsWith(prefix) && longestPrefix(key, facts.connectionPrefixes()).equals(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String longestPrefix(String key, List<String> prefixes) {
    String best = "";
    for (String p : prefixes) {
      if (key.startsWith(p) && p.length() > best.length()) {
        best = p;
      }
    }
    return best;
  }

  private void allowedServers(Policy policy, ConnectorFacts facts, Severity severity, List<Finding> out) {
    String allowed = policy.allowedBootstrapServers().stream().map(Glob::text)
        .collect(Collectors.joining(", "));
    for (Map.Entry<String, String> e : facts.config().entrySet()) {
      if (!e.getKey().endsWith("bootstrap.servers") || e.getValue() == null) {
        continue;
      }
      for (String entry : e.getValue().split(",")) {
        String server = entry.trim().replaceFirst("^[A-Za-z_]+://", "");
        if (server.isEmpty()) {
          continue;
        }
        if (policy.allowedBootstrapServers().stream().noneMatch(g -> g.matches(server))) {
          out.add(new Finding(severity, Rules.ALLOWED_BOOTSTRAP_SERVERS, facts.at(e.getKey()),
              Rules.ALLOWED_BOOTSTRAP_SERVERS + ": " + server + " matches no allowed pattern ("
                  + allowed + ")"));
        }
      }
    }
  }

  private void maxTasks(Policy policy, ConnectorFacts facts, Severity severity, List<Finding> out) {
    String raw = facts.config().getOrDefault("tasks.max", "1").trim();
    long tasks;
    try {
      tasks = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return; // not a number: the schema reports it
    }
    if (tasks > policy.maxTasks()) {
      out.add(new Finding(severity, Rules.MAX_TASKS, facts.at("tasks.max"),
          Rules.MAX_TASKS + ": tasks.max is " + tasks + "; policy allows at most " + policy.maxTasks()));
    }
  }

  private void allowedClasses(Policy policy, ConnectorFacts facts, Severity severity, List<Finding> out) {
    String cls = facts.config().get("connector.class");
    if (cls == null) {
      return; // a missing class is a schema error already
    }
    if (policy.allowedConnectorClasses().stream().noneMatch(g -> g.pattern().matcher(cls).matches())) {
      String allowed = policy.allowedConnectorClasses().stream().map(Glob::text)
          .collect(Collectors.joining(", "));
      out.add(new Finding(severity, Rules.ALLOWED_CONNECTOR_CLASSES, facts.at("connector.class"),
          Rules.ALLOWED_CONNECTOR_CLASSES + ": " + cls + " is not an allowed connector class ("
              + allowed + ")"));
    }
  }
}
