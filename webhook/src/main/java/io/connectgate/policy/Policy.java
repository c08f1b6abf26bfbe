package io.connectgate.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated cluster-wide policy. {@code rules} holds only the enabled rules, keyed by
 * name, with the top-level {@code enforcement} already applied to their actions.
 *
 * @param source where it came from ("built-in" or a file path), for logs
 * @param maxTasks the {@code maxTasks} limit, meaningful only when that rule is enabled
 * @param connectorNamePatterns the {@code connectorNames} patterns, {@code {namespace}} not yet
 *     replaced ({@link ConnectorNaming})
 */
public record Policy(
    String source,
    List<Glob> exemptNamespaces,
    Map<String, RuleScope> rules,
    List<Glob> allowedBootstrapServers,
    int maxTasks,
    List<Glob> allowedConnectorClasses,
    List<String> connectorNamePatterns) {

  /** Without connector name patterns (the rule off). */
  public Policy(String source, List<Glob> exemptNamespaces, Map<String, RuleScope> rules,
      List<Glob> allowedBootstrapServers, int maxTasks, List<Glob> allowedConnectorClasses) {
    this(source, exemptNamespaces, rules, allowedBootstrapServers, maxTasks, allowedConnectorClasses, List.of());
  }

  /** The policy in force when no file is given: plain-text credentials and unknown keys warn. */
  public static Policy builtIn() {
    return new Policy(
        "built-in",
        List.of(),
        Map.of(
            Rules.PLAINTEXT_CREDENTIALS, RuleScope.everywhere(Action.WARN),
            Rules.UNKNOWN_KEYS, RuleScope.everywhere(Action.WARN)),
        List.of(),
        0,
        List.of());
  }

  /** Namespaces listed in {@code exemptNamespaces} are never inspected at all. */
  public boolean exempts(String namespace) {
    String ns = namespace == null ? "" : namespace;
    return exemptNamespaces.stream().anyMatch(g -> g.matches(ns));
  }

  /** The rule's scope when it is enabled and covers {@code namespace}. */
  public Optional<RuleScope> ruleFor(String name, String namespace) {
    RuleScope scope = rules.get(name);
    return scope != null && scope.covers(namespace) ? Optional.of(scope) : Optional.empty();
  }
}
