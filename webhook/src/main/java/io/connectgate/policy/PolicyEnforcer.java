package io.connectgate.policy;

import io.connectgate.validation.Finding;
import io.connectgate.validation.ListValues;
import io.connectgate.validation.SensitiveKeys;
import io.connectgate.validation.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a policy: {@link #govern} sets the severity of the engine's policy-governed findings
 * (unknown keys, plain-text credentials) from the policy and drops them when the rule is off;
 * {@link #check} adds the findings of the policy's own rules for one connector. Every policy
 * finding's message starts with its rule name, so a denial says which rule denied.
 */
public final class PolicyEnforcer {

  private static final Set<String> ENCRYPTED = Set.of("SSL", "SASL_SSL");

  public List<Finding> govern(Policy policy, String namespace, List<Finding> engineFindings) {
    List<Finding> out = new ArrayList<>(engineFindings.size());
    for (Finding f : engineFindings) {
      String governing = governingRule(f.rule());
      if (governing == null) {
        out.add(f);
        continue;
      }
      policy.ruleFor(governing, namespace)
          .ifPresent(scope -> out.add(restyle(f, governing, scope.action())));
    }
    return out;
  }

  public List<Finding> check(Policy policy, ConnectorFacts facts) {
    List<Finding> out = new ArrayList<>(2);
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

  /** The security.protocol in force for a connection and the key that set it (null: default). */
  private record Protocol(String value, String key) {}

  private void requireEncryption(
      Policy policy, ConnectorFacts facts, Severity severity, List<Finding> out) {
    Set<String> reported = new HashSet<>();
    for (Connection c : facts.connections()) {
      if (!inUse(c.prefix(), facts)) {
        continue;
      }
      Protocol p = protocolOf(c, facts, 0);
      if (p == null) {
        continue; // taken from the Connect worker: not visible in the ConfigMap
      }
      if (ENCRYPTED.contains(p.value().trim().toUpperCase(Locale.ROOT))) {
        continue;
      }
      String key = p.key() != null ? p.key() : c.prefix() + "security.protocol";
      if (reported.add(key)) {
        String shown = p.key() == null ? "PLAINTEXT (the default, as it is unset)"
            : SensitiveKeys.isSensitive(p.key()) ? "a protocol other than SSL or SASL_SSL"
            : p.value();
        out.add(new Finding(severity, Rules.REQUIRE_ENCRYPTION, facts.at(key),
            Rules.REQUIRE_ENCRYPTION + ": the " + c.prefix() + "* connection uses " + shown
                + "; SSL or SASL_SSL required"));
      }
    }
  }

  private static Protocol protocolOf(Connection c, ConnectorFacts facts, int depth) {
    String key = c.prefix() + "security.protocol";
    String own = facts.config().get(key);
    if (own != null) {
      return new Protocol(own, key);
    }
    if (c.inherits() == null) {
      return new Protocol("PLAINTEXT", null);
    }
    if (Connection.WORKER.equals(c.inherits()) || depth > 8) {
      return null;
    }
    for (Connection parent : facts.connections()) {
      if (parent.prefix().equals(c.inherits())) {
        return protocolOf(parent, facts, depth + 1);
      }
    }
    return null;
  }

  /**
   * A connection is in use when the connector sets anything that is its own (not a setting of
   * a longer connection prefix, such as src.kafka.timestamps.producer. under src.kafka.).
   */
  private static boolean inUse(String prefix, ConnectorFacts facts) {
    for (String key : facts.config().keySet()) {
      if (key.startsWith(prefix) && longestPrefix(key, facts.connections()).equals(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String longestPrefix(String key, List<Connection> connections) {
    String best = "";
    for (Connection c : connections) {
      if (key.startsWith(c.prefix()) && c.prefix().length() > best.length()) {
        best = c.prefix();
      }
    }
    return best;
  }

  /** Servers named in one finding; the rest of a long list are counted. */
  static final int LISTED_SERVERS = 5;

  /**
   * One finding per {@code *bootstrap.servers} setting, naming its first
   * {@value #LISTED_SERVERS} refused servers and counting the rest: a value of 60,000 entries
   * made 60,000 findings (22 MB of JSON in one answer).
   */
  private void allowedServers(Policy policy, ConnectorFacts facts, Severity severity, List<Finding> out) {
    String allowed = policy.allowedBootstrapServers().stream().map(Glob::text)
        .collect(Collectors.joining(", "));
    for (Map.Entry<String, String> e : facts.config().entrySet()) {
      if (!e.getKey().endsWith("bootstrap.servers") || e.getValue() == null) {
        continue;
      }
      List<String> refused = new ArrayList<>(LISTED_SERVERS);
      int more = 0;
      Set<String> seen = new HashSet<>();
      for (String entry : ListValues.distinctEntries(e.getValue())) {
        String server = withoutProtocol(entry);
        if (server.isEmpty() || server.startsWith("${") || !seen.add(server)
            || policy.allowedBootstrapServers().stream().anyMatch(g -> g.matches(server))) {
          continue;
        }
        if (refused.size() < LISTED_SERVERS) {
          refused.add(server);
        } else {
          more++;
        }
      }
      if (refused.isEmpty()) {
        continue;
      }
      int count = refused.size() + more;
      String which = SensitiveKeys.isSensitive(e.getKey()) ? (count == 1 ? "a server" : count + " servers")
          : String.join(", ", refused) + (more > 0 ? " and " + more + " more" : "");
      out.add(new Finding(severity, Rules.ALLOWED_BOOTSTRAP_SERVERS, facts.at(e.getKey()),
          Rules.ALLOWED_BOOTSTRAP_SERVERS + ": " + which + (count == 1 ? " matches" : " match")
              + " no allowed pattern (" + allowed + ")"));
    }
  }

  /** {@code host:port} without a leading {@code PROTOCOL://} (letters and underscores). */
  private static String withoutProtocol(String entry) {
    int sep = entry.indexOf("://");
    if (sep <= 0) {
      return entry;
    }
    for (int i = 0; i < sep; i++) {
      char c = entry.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_')) {
        return entry;
      }
    }
    return entry.substring(sep + 3);
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
    if (policy.allowedConnectorClasses().stream().noneMatch(g -> g.matches(cls))) {
      String allowed = policy.allowedConnectorClasses().stream().map(Glob::text)
          .collect(Collectors.joining(", "));
      out.add(new Finding(severity, Rules.ALLOWED_CONNECTOR_CLASSES, facts.at("connector.class"),
          Rules.ALLOWED_CONNECTOR_CLASSES + ": " + cls + " is not an allowed connector class ("
              + allowed + ")"));
    }
  }
}
